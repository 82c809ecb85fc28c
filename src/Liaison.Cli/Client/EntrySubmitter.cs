using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Features.Entries;
using Liaison.Features.Keys;
using Liaison.Web.Api;

namespace Liaison.Cli.Client;

/// <summary>Builds, signs with the profile's key, and submits one entry; the payload's header comes from the server's mechanism and the profile.</summary>
public static class EntrySubmitter
{
    /// <summary>
    /// Submits an entry of <paramref name="type"/> with <paramref name="fields"/>. Without an explicit audience it goes to the
    /// author's own party and every party it may address.
    /// </summary>
    public static async Task<SubmitEntryResponse> SubmitAsync(CliContext context, Profile profile, LiaisonClient client, string type, JsonObject fields, IReadOnlyList<string>? audience, CancellationToken cancellationToken)
    {
        if (profile.KeyFile is null)
        {
            throw new CliFailure($"profile of '{profile.User}' has no signing key: run 'liaison keys new' and have it enrolled.");
        }

        var keyFile = KeyFile.Load(profile.KeyFile);
        if (!keyFile.IsSuccess)
        {
            throw new CliFailure(keyFile.Error.Detail);
        }

        var mechanism = await client.GetAsync<MechanismView>("/api/v1/mechanism", cancellationToken);
        var me = await client.GetAsync<MeView>("/api/v1/me", cancellationToken);
        SaveForOffline(context, profile, mechanism, me);
        var ownParty = mechanism.Parties.Single(p => p.Code == me.Party);
        var to = audience ?? [ownParty.Code, .. ownParty.MayAddress.Where(c => c != ownParty.Code)];
        var payload = EntryBuilder.Payload(type, mechanism.Id, me.UserName, to, context.Time.GetUtcNow(), fields);
        using var key = keyFile.Value.Open();
        var signed = EntryBuilder.Sign(payload, key);
        return await client.PostAsync<SubmitEntryResponse>("/api/v1/entries", signed.ToRequest(), cancellationToken);
    }

    /// <summary>What offline signing needs to know of a server, kept from the last time it was reached.</summary>
    public sealed record OfflineView(MechanismView Mechanism, MeView Me);

    /// <summary>The file where a profile's server's mechanism is remembered for offline signing.</summary>
    public static string OfflineFile(CliContext context, Profile profile) =>
        Path.Combine(context.ConfigDirectory, "offline", string.Concat($"{profile.User}@{new Uri(profile.Server).Authority}".Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '@' ? c : '_')) + ".json");

    /// <summary>Fetches and remembers what offline signing needs of the profile's server.</summary>
    public static async Task RememberForOfflineAsync(CliContext context, Profile profile, LiaisonClient client, CancellationToken cancellationToken) =>
        SaveForOffline(context, profile, await client.GetAsync<MechanismView>("/api/v1/mechanism", cancellationToken), await client.GetAsync<MeView>("/api/v1/me", cancellationToken));

    private static void SaveForOffline(CliContext context, Profile profile, MechanismView mechanism, MeView me) =>
        OwnerOnlyFiles.WriteAllText(OfflineFile(context, profile), System.Text.Json.JsonSerializer.Serialize(new OfflineView(mechanism, me), System.Text.Json.JsonSerializerOptions.Web), overwrite: true);

    /// <summary>Parses <c>--audience ISR,SYR</c>.</summary>
    public static IReadOnlyList<string>? ParseAudience(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant()).ToList();

    /// <summary>
    /// Shows an accepted entry with the view it changed: with <c>--json</c> the view's document with the entry under
    /// <c>"entry"</c>; otherwise where the entry was recorded, then <paramref name="print"/>.
    /// </summary>
    public static async Task<int> ShowRecordedAsync<TView>(CliContext context, bool json, SubmitEntryResponse result, TView view, Func<Task> print)
    {
        if (json)
        {
            var document = JsonSerializer.SerializeToNode(view, JsonSerializerOptions.Web)!.AsObject();
            document["entry"] = JsonSerializer.SerializeToNode(result, JsonSerializerOptions.Web);
            await context.Out.WriteLineAsync(document.ToJsonString());
            return ExitCodes.Ok;
        }

        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Recorded as entry {result.Seq} at {result.ServerTime:O}."));
        await print();
        return ExitCodes.Ok;
    }
}
