using Liaison.Domain.Common;
using Liaison.Domain.Disputes;
using Liaison.Domain.Parties;
using Liaison.Features.Mechanism;

namespace Liaison.Features.Disputes;

/// <summary>
/// Which disputes to list: <c>party</c> keeps those where it is a side, <c>respondent</c> those against it,
/// <c>status</c> (<c>awaiting-reply</c>, <c>overdue</c>, <c>replied</c>, <c>decided</c>) and <c>level</c>
/// (<c>working</c>, <c>senior</c>, <c>convener</c>) filter by where they stand.
/// </summary>
public sealed record ListDisputesRequest(string? Party = null, string? Respondent = null, string? Status = null, string? Level = null);

/// <summary>A side's figures over a period.</summary>
public sealed record DisputeStatisticsView(DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<DisputeSideFigures> Sides);

/// <summary>The disputes a member's party may read (it is in their audience), newest first; one dispute; the figures per side; the major findings.</summary>
public sealed class ListDisputes(DisputeBook book, EstablishedMechanism mechanism, TimeProvider time)
{
    private static readonly string[] StatusCodes = [.. Enum.GetValues<DisputeStatus>().Select(s => s.Code())];

    public async Task<Result<IReadOnlyList<DisputeView>>> HandleAsync(ListDisputesRequest request, PartyCode reader, CancellationToken cancellationToken)
    {
        if (request.Status is not null && !StatusCodes.Contains(request.Status, StringComparer.Ordinal))
        {
            return new Error.Validation("query-invalid", $"status is one of {string.Join(", ", StatusCodes)}.");
        }

        if (request.Level is not null && !DisputeCodes.TryParseLevel(request.Level, out _))
        {
            return new Error.Validation("query-invalid", "level is one of working, senior, convener.");
        }

        var state = await book.StateAsync(cancellationToken);
        var now = time.GetUtcNow();
        return state.Disputes.Values.Reverse()
            .Where(d => d.Audience.Contains(reader)
                && (request.Party is null || string.Equals(d.Claimant.Value, request.Party, StringComparison.OrdinalIgnoreCase) || string.Equals(d.Respondent.Value, request.Party, StringComparison.OrdinalIgnoreCase))
                && (request.Respondent is null || string.Equals(d.Respondent.Value, request.Respondent, StringComparison.OrdinalIgnoreCase))
                && (request.Status is null || d.StatusAt(now).Code() == request.Status)
                && (request.Level is null || d.Level.Code() == request.Level))
            .Select(d => DisputeView.From(d, mechanism.Config, now))
            .ToList();
    }

    /// <summary>One dispute, if the reader's party may read it.</summary>
    public async Task<Result<DisputeView>> GetAsync(long id, PartyCode reader, CancellationToken cancellationToken)
    {
        var state = await book.StateAsync(cancellationToken);
        return state.Disputes.TryGetValue(id, out var dispute) && dispute.Audience.Contains(reader)
            ? DisputeView.From(dispute, mechanism.Config, time.GetUtcNow())
            : DisputeErrors.NotFound(id);
    }

    /// <summary>The figures of each side for disputes opened in <c>[from, to)</c>, computed the same way for each.</summary>
    public async Task<Result<DisputeStatisticsView>> StatisticsAsync(DateTimeOffset? from, DateTimeOffset? to, PartyCode reader, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && t <= f)
        {
            return new Error.Validation("query-invalid", "'to' must be after 'from'.");
        }

        var state = await book.StateAsync(cancellationToken);
        return new DisputeStatisticsView(from, to, DisputeStatistics.For(mechanism.Config, state, reader, time.GetUtcNow(), from, to));
    }

    /// <summary>The substantiated findings marked major that the reader may read: the cooperation tiers' input.</summary>
    public async Task<IReadOnlyList<MajorFindingView>> MajorFindingsAsync(PartyCode reader, CancellationToken cancellationToken)
    {
        var state = await book.StateAsync(cancellationToken);
        return [.. state.SubstantiatedMajorFindings()
            .Where(f => state.Disputes[f.Dispute].Audience.Contains(reader))
            .Select(f => new MajorFindingView(f.Respondent.Value, f.Dispute, f.FindingSeq, f.At, f.Breach.Commitment, f.Breach.Reference))];
    }
}

/// <summary>A substantiated major finding against <see cref="Respondent"/>, found at <see cref="At"/>.</summary>
public sealed record MajorFindingView(string Respondent, long Dispute, long Finding, DateTimeOffset At, string? Commitment, string? Ref);
