using Liaison.Domain.Parties;
using Liaison.Features.Entries;
using Liaison.Features.Log;
using Liaison.Features.Mechanism;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages;

/// <summary>The mechanism overview: parties and roles, and the latest entries the signed-in user may see.</summary>
public sealed class IndexModel(ServedMechanism mechanism, ListEntries entries, ReadLog log, WitnessDirectory witnesses) : PageModel
{
    public Member Member { get; private set; } = null!;

    public string MechanismName => mechanism.Config.Name;

    public IReadOnlyList<string> RoleNames => Member.Roles.Select(r => r.Code()).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<(string Code, string Name, string Kind, IReadOnlyList<string> Roles)> Parties { get; private set; } = [];

    public IReadOnlyList<EntryRow> Entries { get; private set; } = [];

    public long RecordSize { get; private set; }

    /// <summary>The latest checkpoint, or null before the first.</summary>
    public CheckpointView? Latest { get; private set; }

    /// <summary>The latest checkpoint every party's witness cosigned, or null when none is final yet.</summary>
    public CheckpointView? Final { get; private set; }

    public IReadOnlyList<string> RequiredWitnesses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Member = User.ToMember()!;
        Parties = mechanism.Config.Parties
            .Select(p => (p.Code.Value, p.Name, p.Kind.ToString().ToLowerInvariant(), (IReadOnlyList<string>)mechanism.Config.RolesFor(p.Kind).Select(r => r.Code()).ToList()))
            .ToList();
        var page = await entries.HandleAsync(new ListEntriesRequest(Limit: 50, Newest: true), Member, cancellationToken);
        RecordSize = page.Value.RecordSize;
        Entries = page.Value.Entries.Select(EntryRow.From).ToList();
        RequiredWitnesses = Api.LogApi.RequiredWitnesses(mechanism, witnesses);
        var latest = await log.CheckpointAsync(RequiredWitnesses, finalOnly: false, cancellationToken);
        Latest = latest.IsSuccess ? latest.Value : null;
        var final = await log.CheckpointAsync(RequiredWitnesses, finalOnly: true, cancellationToken);
        Final = final.IsSuccess ? final.Value : null;
    }

    /// <summary>An entry as the overview shows it: a one-line summary of its content when the viewer may read it.</summary>
    public sealed record EntryRow(long Seq, DateTimeOffset ServerTime, string Type, string Author, IReadOnlyList<string> Audience, string? Summary, string? Lang)
    {
        public static EntryRow From(EntryView view)
        {
            var (summary, lang) = EntrySummary.Describe(view);
            return new EntryRow(view.Seq, view.ServerTime, view.Type, view.Author, view.Audience, view.Payload is null ? null : summary, lang);
        }
    }
}
