using Liaison.Domain.Common;
using Liaison.Domain.Entries;
using Liaison.Domain.Incidents;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Features.Data;
using Liaison.Features.Entries;
using Liaison.Features.Mechanism;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Incidents;

/// <summary>
/// The incidents of the record (<see cref="IncidentRegister"/>), folded from it once and then advanced by the sequencer as
/// it appends: an incident entry is decided here against every entry before it (the workflow, who may make each
/// transition, place names, lateness), so the register is a function of the record. Readers see only what is durable:
/// incidents and steps made by entries after the last committed batch are left out. Thread-safe: many readers at once,
/// one writer. Register it after every other <see cref="IEntryRule"/>, because it applies what it accepts at once.
/// </summary>
public sealed class IncidentBook(EstablishedMechanism mechanism, IDbContextFactory<LiaisonDbContext> dbFactory) : IEntryRule, IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ReaderWriterLockSlim _gate = new();
    private IncidentRegister? _register;
    private long _committed = -1;
    private long _staged = -1;

    /// <summary>
    /// A fresh register folded from <paramref name="entries"/> (in sequence order; entries of other types, and those
    /// signed by neither a user nor the server, are skipped as when the book loads the record): what <c>liaison replay</c> computes.
    /// </summary>
    public static IncidentRegister Fold(Domain.Mechanism.MechanismConfig config, IEnumerable<Disputes.FoldedEntry> entries)
    {
        var register = new IncidentRegister(config, Gazetteer.Default);
        foreach (var entry in entries)
        {
            var h = entry.Header;
            if (!IncidentEntryTypes.IsIncident(h.Type) || (entry.ByServer && h.Author != ServedMechanism.ServerAuthor))
            {
                continue;
            }

            register.Apply(new IncidentEntry(entry.Seq, h.Type, entry.Party, h.Author, h.Audience, entry.ServerTime, h.ClientTime, h.Body), checkAuthor: false);
        }

        return register;
    }

    /// <summary>Runs <paramref name="read"/> on the register, with the highest durable sequence number, under a read lock.</summary>
    public async Task<T> ReadAsync<T>(Func<IncidentRegister, long, T> read, CancellationToken cancellationToken)
    {
        var register = await RegisterAsync(cancellationToken);
        _gate.EnterReadLock();
        try
        {
            return read(register, _committed);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    public async ValueTask<Result<Unit>> DecideAsync(LiaisonDbContext db, PendingEntry entry, long seq, DateTimeOffset serverTime, CancellationToken cancellationToken)
    {
        if (!IncidentEntryTypes.IsIncident(entry.Header.Type))
        {
            return Unit.Value;
        }

        var register = await RegisterAsync(cancellationToken);
        var header = entry.Header;
        if (header.Type == IncidentEntryTypes.Report && entry.Signer.Kind == KeyOwnerKind.User)
        {
            var linked = await CheckLinksAsync(db, header.Body, entry.Signer.Party, cancellationToken);
            if (!linked.IsSuccess)
            {
                return linked.Error;
            }
        }

        var incidentEntry = new IncidentEntry(seq, header.Type, entry.Signer.Party, header.Author, header.Audience, serverTime, header.ClientTime, header.Body);
        _gate.EnterWriteLock();
        try
        {
            var applied = register.Apply(incidentEntry, checkAuthor: entry.Signer.Kind == KeyOwnerKind.User);
            if (!applied.IsSuccess)
            {
                return applied.Error;
            }

            _staged = seq;
            return Unit.Value;
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public void Commit()
    {
        _gate.EnterWriteLock();
        try
        {
            if (_staged > _committed)
            {
                _committed = _staged;
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public void Rollback()
    {
        // The record is the truth: after a failed batch the register is folded again from what was committed.
        _gate.EnterWriteLock();
        try
        {
            _register = null;
            _staged = _committed;
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _loading.Dispose();
    }

    /// <summary>
    /// A report's links name notices (<c>notice.file</c> entries) and hotline messages (<c>message.send</c> entries) of
    /// the record that the reporter's party may read; anything else is refused (<c>incident-link-unknown</c>).
    /// </summary>
    private static async Task<Result<Unit>> CheckLinksAsync(LiaisonDbContext db, System.Text.Json.JsonElement body, PartyCode party, CancellationToken cancellationToken)
    {
        var report = IncidentEvents.ParseReport(body);
        if (!report.IsSuccess || report.Value.LinkedNotices.Count + report.Value.LinkedMessages.Count == 0)
        {
            return Unit.Value;
        }

        var seqs = report.Value.LinkedNotices.Concat(report.Value.LinkedMessages).ToList();
        var found = await db.Entries.AsNoTracking().Where(e => seqs.Contains(e.Seq)).Select(e => new { e.Seq, e.Type, e.Audience }).ToDictionaryAsync(e => e.Seq, cancellationToken);
        foreach (var (list, type, field) in new[] { (report.Value.LinkedNotices, Domain.Notices.NoticeEntryTypes.File, "notices"), (report.Value.LinkedMessages, Domain.Hotline.HotlineEntryTypes.MessageSend, "messages") })
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (!found.TryGetValue(list[i], out var named) || named.Type != type || !named.Audience.Split(',').Contains(party.Value, StringComparer.Ordinal))
                {
                    return new Error.Validation("incident-link-unknown", $"links.{field}[{i}] names entry {list[i]}, which is not a {(field == "notices" ? "notice" : "hotline message")} your party may read.")
                    {
                        Extensions = new Dictionary<string, object?> { ["field"] = $"links.{field}[{i}]", ["seq"] = list[i] },
                    };
                }
            }
        }

        return Unit.Value;
    }

    private async Task<IncidentRegister> RegisterAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _register) is { } register)
        {
            return register;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_register is null)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var (folded, last) = await FoldAsync(db, cancellationToken);
                _gate.EnterWriteLock();
                try
                {
                    _committed = Math.Max(_committed, last);
                    _staged = _committed;
                    Volatile.Write(ref _register, folded);
                }
                finally
                {
                    _gate.ExitWriteLock();
                }
            }

            return _register!;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<(IncidentRegister Register, long Last)> FoldAsync(LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var register = new IncidentRegister(mechanism.Config, Gazetteer.Default);
        var types = IncidentEntryTypes.All.Keys.ToList();
        var parties = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, u => u.PartyCode, cancellationToken);
        parties.TryAdd(ServedMechanism.ServerAuthor, mechanism.Config.Convener.Code.Value);
        var last = await db.Entries.AsNoTracking().MaxAsync(e => (long?)e.Seq, cancellationToken) ?? -1;
        var records = db.Entries.AsNoTracking().Where(e => types.Contains(e.Type)).OrderBy(e => e.Seq).AsAsyncEnumerable();
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            var header = EntryPayload.Parse(record.Payload);
            if (!header.IsSuccess || !parties.TryGetValue(record.Author, out var party))
            {
                continue;
            }

            var h = header.Value;
            register.Apply(new IncidentEntry(record.Seq, h.Type, new PartyCode(party), h.Author, h.Audience, record.ServerTime, h.ClientTime, h.Body), checkAuthor: false);
        }

        return (register, last);
    }
}
