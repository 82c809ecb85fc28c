using Liaison.Domain.Common;
using Liaison.Ledger.Checkpoints;
using Liaison.Ledger.Merkle;
using Liaison.Ledger.Witness;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liaison.Cli.Witness;

/// <summary>
/// A C2SP tlog-witness around the pure rule <see cref="CheckpointWitness.AddCheckpoint"/>: one request at a time per
/// origin, the new state on disk before a 200 is returned, and forks reported loudly (an error log line and the two
/// checkpoints in <c>forks.log</c>). Thread-safe. Disposing it releases the state folder, and the signer when it owns it.
/// </summary>
public sealed class WitnessService : IDisposable
{
    private static readonly IReadOnlyDictionary<string, WitnessRecord> NoRecords = new Dictionary<string, WitnessRecord>();

    private readonly WitnessState _state;
    private readonly CosignatureSigner _signer;
    private readonly bool _ownsSigner;
    private readonly IReadOnlyList<WitnessedLog> _logs;
    private readonly Dictionary<string, SemaphoreSlim> _gates;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<string> _reportedForks = new(StringComparer.Ordinal);

    /// <summary>Creates the witness; it owns <paramref name="state"/>, and <paramref name="signer"/> only if <paramref name="ownsSigner"/>.</summary>
    /// <exception cref="ArgumentException">Two logs have the same origin, or a log has no key.</exception>
    public WitnessService(WitnessState state, CosignatureSigner signer, IReadOnlyList<WitnessedLog> logs, TimeProvider time, ILogger? logger = null, bool ownsSigner = false)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(time);
        if (logs.Select(l => l.Origin).Distinct(StringComparer.Ordinal).Count() != logs.Count)
        {
            throw new ArgumentException("Each log is listed once; merge the keys of one origin into one log.", nameof(logs));
        }

        if (logs.Any(l => l.Keys.Count == 0))
        {
            throw new ArgumentException("Each log has at least one key.", nameof(logs));
        }

        _state = state;
        _signer = signer;
        _ownsSigner = ownsSigner;
        _logs = [.. logs];
        _gates = _logs.ToDictionary(l => l.Origin, _ => new SemaphoreSlim(1, 1), StringComparer.Ordinal);
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _logger.WitnessOpened(signer.Name, signer.VerifierKey.ToString(), _logs.Count, state.Directory);
    }

    /// <summary>The witness's cosignature vkey.</summary>
    public string VerifierKey => _signer.VerifierKey.ToString();

    /// <summary>The logs it follows.</summary>
    public IReadOnlyList<WitnessedLog> Logs => _logs;

    /// <summary>Where its state and <c>forks.log</c> are.</summary>
    public string StateDirectory => _state.Directory;

    /// <summary>Opens the state in <paramref name="stateDirectory"/> and makes a witness on it; fails as <see cref="WitnessState.Open"/> does.</summary>
    public static Result<WitnessService> Open(string stateDirectory, CosignatureSigner signer, IReadOnlyList<WitnessedLog> logs, TimeProvider time, ILogger? logger = null, bool ownsSigner = false)
    {
        var state = WitnessState.Open(stateDirectory);
        if (!state.IsSuccess)
        {
            return state.Error;
        }

        try
        {
            return new WitnessService(state.Value, signer, logs, time, logger, ownsSigner);
        }
        catch (ArgumentException)
        {
            state.Value.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Answers one add-checkpoint request body. On 200 the new state is already on disk; if it cannot be written this
    /// throws (an <see cref="IOException"/>) and nothing is cosigned.
    /// </summary>
    public async Task<AddCheckpointResponse> AddCheckpointAsync(string requestBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestBody);
        var parsed = AddCheckpointRequest.Parse(requestBody);
        var origin = parsed.IsSuccess ? OriginOf(parsed.Value.Note) : null;
        if (origin is null || !_gates.TryGetValue(origin, out var gate))
        {
            // Malformed or an unknown origin: the rule refuses it without looking at any record.
            return CheckpointWitness.AddCheckpoint(requestBody, _logs, NoRecords, _signer, _time.GetUtcNow());
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            var cosigned = _state.Find(origin);
            var records = cosigned is null ? NoRecords : new Dictionary<string, WitnessRecord>(StringComparer.Ordinal) { [origin] = cosigned.ToRecord() };
            var response = CheckpointWitness.AddCheckpoint(requestBody, _logs, records, _signer, now);
            if (response.NewRecord is { } record)
            {
                _state.Save(WitnessStateEntry.From(record, response.Checkpoint!, now));
                _logger.Cosigned(origin, record.Size);
                return response;
            }

            _logger.Refused(origin, response.StatusCode, response.Body.TrimEnd('\n'));
            if (cosigned is not null)
            {
                ReportIfFork(parsed.Value, _logs.Single(l => l.Origin == origin), cosigned, response, now);
            }

            return response;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>What the witness has cosigned, for operators: every followed log (size 0 if never cosigned) and any other recorded one.</summary>
    public WitnessStateView State()
    {
        var empty = Convert.ToBase64String(Rfc6962.EmptyRoot());
        var followed = _logs.Select(l => l.Origin).ToHashSet(StringComparer.Ordinal);
        var recorded = _state.Entries;
        var logs = recorded
            .Select(e => new WitnessLogState(e.Origin, followed.Contains(e.Origin), e.Size, e.RootHash, e.CosignedAt))
            .Concat(followed.Where(o => _state.Find(o) is null).Select(o => new WitnessLogState(o, true, 0, empty, null)))
            .OrderBy(l => l.Origin, StringComparer.Ordinal)
            .ToList();
        return new WitnessStateView(_signer.Name, VerifierKey, logs);
    }

    public void Dispose()
    {
        _state.Dispose();
        if (_ownsSigner)
        {
            _signer.Dispose();
        }

        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    private static string? OriginOf(string note)
    {
        var newline = note.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? null : note[..newline];
    }

    /// <summary>
    /// A refused checkpoint is evidence of a fork when the log really signed it and it contradicts the cosigned one: the
    /// same size with another root, or a larger size whose proof from the cosigned size does not verify. A checkpoint
    /// the log did not sign proves nothing against it. Each contradicting checkpoint is written once per run; every
    /// sighting is logged.
    /// </summary>
    private void ReportIfFork(AddCheckpointRequest request, WitnessedLog log, WitnessStateEntry cosigned, AddCheckpointResponse response, DateTimeOffset now)
    {
        if (response.StatusCode is not (409 or 422) || cosigned.Size == 0)
        {
            return;
        }

        var opened = SignedCheckpoint.Open(request.Note, log.Origin, log.Keys);
        if (!opened.IsSuccess || opened.Value.Checkpoint.Size > long.MaxValue)
        {
            return;
        }

        var presented = opened.Value.Checkpoint;
        var size = (long)presented.Size;
        var root = Convert.ToBase64String(presented.RootHash);
        var kind = size == cosigned.Size && root != cosigned.RootHash ? ForkEvidence.SameSizeDifferentRoot
            : response.StatusCode == 422 && request.OldSize == cosigned.Size && size > cosigned.Size ? ForkEvidence.UnprovenConsistency
            : null;
        if (kind is null)
        {
            return;
        }

        _logger.Fork(log.Origin, kind, size, root, cosigned.Size, cosigned.RootHash, _state.ForksLogPath);
        lock (_reportedForks)
        {
            if (!_reportedForks.Add($"{log.Origin}\n{kind}\n{presented.ToBody()}"))
            {
                return;
            }
        }

        var evidence = new ForkEvidence(
            now,
            log.Origin,
            kind,
            response.Body.TrimEnd('\n'),
            new ForkCheckpoint(cosigned.Size, cosigned.RootHash, cosigned.Checkpoint),
            new ForkCheckpoint(size, root, request.Note, request.OldSize, [.. request.Proof.Select(Convert.ToBase64String)]));
        try
        {
            _state.AppendFork(evidence);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.ForkNotRecorded(ex, log.Origin, _state.ForksLogPath);
        }
    }
}

/// <summary>What a witness has cosigned (<c>GET /state</c>).</summary>
/// <param name="Name">The witness's name.</param>
/// <param name="VerifierKey">Its cosignature vkey.</param>
/// <param name="Logs">Per log, by origin.</param>
public sealed record WitnessStateView(string Name, string VerifierKey, IReadOnlyList<WitnessLogState> Logs);

/// <summary>The latest checkpoint a witness cosigned for one log.</summary>
/// <param name="Origin">The log's origin line.</param>
/// <param name="Followed">Whether the witness is configured for the log now (a log once followed keeps its record).</param>
/// <param name="Size">The cosigned size; 0 if never cosigned.</param>
/// <param name="RootHash">The cosigned root in base64; the empty-tree root if never cosigned.</param>
/// <param name="CosignedAt">When; null if never.</param>
public sealed record WitnessLogState(string Origin, bool Followed, long Size, string RootHash, DateTimeOffset? CosignedAt);
