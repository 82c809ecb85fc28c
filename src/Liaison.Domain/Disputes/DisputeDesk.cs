using System.Collections.Immutable;
using System.Text.Json;
using Liaison.Domain.Common;
using Liaison.Domain.Mechanism;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Disputes;

/// <summary>
/// An entry as the dispute desk reads it: its sequence number, type, author's party and name, whether the server made
/// it, its audience, the server's time and its body. Besides dispute entries, the desk reads <c>incident.report</c>
/// entries, to know which incidents a dispute may name.
/// </summary>
public sealed record DisputeEntry(long Seq, string Type, PartyCode Party, string Author, bool ByServer, IReadOnlyList<PartyCode> Audience, DateTimeOffset ServerTime, JsonElement Body);

/// <summary>A substantiated finding marked major, against <see cref="Respondent"/>: an input of the cooperation tiers.</summary>
public sealed record MajorFinding(PartyCode Respondent, long Dispute, long FindingSeq, DateTimeOffset At, DisputeBreach Breach);

/// <summary>Every dispute of the record, and the incident reports (with their audiences) disputes may name. Immutable.</summary>
public sealed record DisputeState(ImmutableSortedDictionary<long, Dispute> Disputes, ImmutableDictionary<long, ImmutableArray<PartyCode>> Incidents)
{
    /// <summary>No dispute, no incident.</summary>
    public static DisputeState Empty { get; } = new(ImmutableSortedDictionary<long, Dispute>.Empty, ImmutableDictionary<long, ImmutableArray<PartyCode>>.Empty);

    /// <summary>
    /// The substantiated findings marked major, by finding order: for each, the respondent party and when it was found.
    /// What the cooperation tiers count against a party.
    /// </summary>
    public IEnumerable<MajorFinding> SubstantiatedMajorFindings() =>
        Disputes.Values
            .Where(d => d.Finding is { Outcome: DisputeOutcome.Substantiated, Major: true })
            .Select(d => new MajorFinding(d.Respondent, d.Id, d.Finding!.Seq, d.Finding.At, d.Breach))
            .OrderBy(f => f.FindingSeq);
}

/// <summary>
/// Decides and applies dispute entries. Pure and deterministic: the same entries in the same order give the same
/// disputes, whatever the timing. A dispute starts at the working level with the respondent owing a reply within the
/// configured <c>disputeReply</c>; each escalation (a side's request, or the server's at a missed deadline) moves it
/// one rung up, working → senior → convener, and starts a new reply deadline; a reply after its deadline is accepted
/// and marked late; the convener's mediator may record a finding at any level, after which nothing more is recorded.
/// </summary>
public static class DisputeDesk
{
    /// <summary>
    /// Decides <paramref name="entry"/> against <paramref name="state"/> and returns the state with it applied.
    /// <paramref name="checkAuthor"/> is false for entries already in the record and for the server's, which were
    /// decided when made: they are applied as they are. Entries of other types leave the state as it is.
    /// </summary>
    public static Result<DisputeState> Apply(MechanismConfig config, DisputeState state, DisputeEntry entry, bool checkAuthor = true)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Type == DisputeEntryTypes.IncidentReport)
        {
            return state with { Incidents = state.Incidents.SetItem(entry.Seq, [.. entry.Audience]) };
        }

        if (!DisputeEntryTypes.IsDispute(entry.Type))
        {
            return state;
        }

        var parsed = DisputeEvents.Parse(entry.Type, entry.Body);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        if (parsed.Value is DisputeOpened opened)
        {
            return Open(config, state, entry, opened, checkAuthor);
        }

        var id = parsed.Value switch
        {
            DisputeReplied r => r.Dispute,
            DisputeEscalated e => e.Dispute,
            DisputeFound f => f.Dispute,
            _ => throw new InvalidOperationException($"Unhandled dispute event {parsed.Value.GetType().Name}."),
        };
        if (!state.Disputes.TryGetValue(id, out var dispute) || (!entry.ByServer && !dispute.Audience.Contains(entry.Party)))
        {
            return DisputeErrors.NotFound(id);
        }

        // Whoever reads the dispute reads every entry that moves it, so its state is a function of the entries they read.
        if (checkAuthor && dispute.Audience.Except(entry.Audience).ToList() is { Count: > 0 } missing)
        {
            return DisputeErrors.StepAudience(id, missing);
        }

        var changed = parsed.Value switch
        {
            DisputeReplied reply => Reply(dispute, entry, reply, checkAuthor),
            DisputeEscalated escalation => Escalate(config, dispute, entry, escalation, checkAuthor),
            DisputeFound finding => Find(config, dispute, entry, finding, checkAuthor),
            _ => throw new InvalidOperationException($"Unhandled dispute event {parsed.Value.GetType().Name}."),
        };
        return changed.Map(d => state with { Disputes = state.Disputes.SetItem(d.Id, d) });
    }

    /// <summary>Folds entries already in the record, in order, skipping any that would be refused.</summary>
    public static DisputeState Fold(MechanismConfig config, IEnumerable<DisputeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var state = DisputeState.Empty;
        foreach (var entry in entries)
        {
            var applied = Apply(config, state, entry, checkAuthor: false);
            if (applied.IsSuccess)
            {
                state = applied.Value;
            }
        }

        return state;
    }

    private static Result<DisputeState> Open(MechanismConfig config, DisputeState state, DisputeEntry entry, DisputeOpened opened, bool checkAuthor)
    {
        if (checkAuthor)
        {
            var refused = CheckOpen(config, state, entry, opened);
            if (refused is not null)
            {
                return refused;
            }
        }

        var dispute = new Dispute(entry.Seq, entry.Party, entry.Author, opened.Respondent, opened.Breach, opened.Incidents, opened.Evidence, opened.Claim, opened.Lang, entry.Audience, entry.ServerTime)
        {
            Stages = [new DisputeStage(DisputeLevel.Working, entry.ServerTime, entry.ServerTime + config.Deadlines.DisputeReply, null, null, null, null)],
        };
        return state with { Disputes = state.Disputes.SetItem(dispute.Id, dispute) };
    }

    private static Error? CheckOpen(MechanismConfig config, DisputeState state, DisputeEntry entry, DisputeOpened opened)
    {
        if (config.FindParty(entry.Party) is not { Kind: Parties.PartyKind.Party })
        {
            return DisputeErrors.NotAParty(entry.Party);
        }

        if (opened.Respondent == entry.Party)
        {
            return DisputeErrors.Respondent(opened.Respondent, "is your own party");
        }

        if (config.FindParty(opened.Respondent) is not { } respondent)
        {
            return DisputeErrors.Respondent(opened.Respondent, "is not in this mechanism");
        }

        if (respondent.Kind != Parties.PartyKind.Party)
        {
            return DisputeErrors.Respondent(opened.Respondent, $"is the {(respondent.Kind == Parties.PartyKind.Convener ? "convener" : "observer")}, not a party");
        }

        if (opened.Breach.Commitment is { } code)
        {
            if (config.FindCommitment(code) is not { } commitment)
            {
                return DisputeErrors.UnknownCommitment(code, config.Commitments.Select(c => c.Code));
            }

            if (commitment.Party != opened.Respondent)
            {
                return DisputeErrors.CommitmentOfAnother(code, commitment.Party, opened.Respondent);
            }
        }

        foreach (var incident in opened.Incidents)
        {
            if (!state.Incidents.TryGetValue(incident, out var audience) || !audience.Contains(entry.Party))
            {
                return DisputeErrors.UnknownIncident(incident);
            }
        }

        var missing = new[] { opened.Respondent, config.Convener.Code }.Except(entry.Audience).ToList();
        return missing.Count > 0 ? DisputeErrors.Audience(missing) : null;
    }

    private static Result<Dispute> Reply(Dispute dispute, DisputeEntry entry, DisputeReplied reply, bool checkAuthor)
    {
        if (checkAuthor)
        {
            if (dispute.Finding is { } finding)
            {
                return DisputeErrors.Decided(dispute.Id, finding.Seq);
            }

            if (entry.Party != dispute.Respondent)
            {
                return DisputeErrors.NotTheRespondent(dispute.Id, dispute.Respondent);
            }
        }

        var stage = dispute.Current;
        TimeSpan? late = null;
        var stages = dispute.Stages;
        if (stage.ReplySeq is null)
        {
            late = entry.ServerTime > stage.ReplyDue ? entry.ServerTime - stage.ReplyDue : null;
            stages = [.. dispute.Stages.Take(dispute.Stages.Count - 1), stage with { ReplySeq = entry.Seq, RepliedAt = entry.ServerTime, LateBy = late }];
        }

        return dispute with
        {
            Stages = stages,
            Replies = [.. dispute.Replies, new DisputeReply(entry.Seq, entry.Author, entry.ServerTime, stage.Level, reply.Text, reply.Lang, reply.Evidence, late)],
        };
    }

    private static Result<Dispute> Escalate(MechanismConfig config, Dispute dispute, DisputeEntry entry, DisputeEscalated escalation, bool checkAuthor)
    {
        if (checkAuthor)
        {
            if (dispute.Finding is { } finding)
            {
                return DisputeErrors.Decided(dispute.Id, finding.Seq);
            }

            if (!dispute.IsSide(entry.Party))
            {
                return DisputeErrors.NotASide(dispute.Id);
            }

            if (dispute.Level.Next() != escalation.To)
            {
                return DisputeErrors.OutOfOrder(dispute.Id, dispute.Level, escalation.To);
            }
        }

        return dispute with
        {
            Stages = [.. dispute.Stages, new DisputeStage(escalation.To, entry.ServerTime, entry.ServerTime + config.Deadlines.DisputeReply, entry.Seq, null, null, null)],
            Escalations = [.. dispute.Escalations, new DisputeEscalation(entry.Seq, entry.ByServer ? null : entry.Party, entry.Author, entry.ServerTime, dispute.Level, escalation.To, escalation.Reason, entry.ByServer)],
        };
    }

    private static Result<Dispute> Find(MechanismConfig config, Dispute dispute, DisputeEntry entry, DisputeFound found, bool checkAuthor)
    {
        if (checkAuthor)
        {
            if (config.FindParty(entry.Party) is not { Kind: Parties.PartyKind.Convener })
            {
                return DisputeErrors.FindingByConvenerOnly(entry.Party);
            }

            if (dispute.Finding is { } finding)
            {
                return DisputeErrors.Decided(dispute.Id, finding.Seq);
            }
        }

        return dispute with
        {
            Finding = new DisputeFinding(entry.Seq, entry.Author, entry.ServerTime, dispute.Level, found.Outcome, found.Reasons, found.Remedy, found.Major, found.Lang),
        };
    }
}
