using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Cli.Client;
using Liaison.Domain.Entries;
using Liaison.Features.Keys;
using Liaison.Ledger.Crypto;
using Spectre.Console;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison keys new|enroll|revoke|list</c>: make a signing key, enrol or revoke one (as an administrator), list keys.</summary>
public static class KeysCommands
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var keys = new Command("keys", "Signing keys");

        var newCommand = new Command("new", "Make a signing key, keep it in your config folder, and ask for its enrolment");
        newCommand.SetAction((parse, cancellationToken) => NewAsync(context, globals, parse, cancellationToken));
        keys.Subcommands.Add(newCommand);

        var enrollKeyId = new Argument<string?>("key-id") { Description = "A pending key's id (see 'keys list --status pending')", Arity = ArgumentArity.ZeroOrOne };
        var enrollUser = new Option<string?>("--user") { Description = "With --public-key: the user a key handed over by other means is for" };
        var enrollPublicKey = new Option<string?>("--public-key") { Description = "With --user: the base64 public key to enrol" };
        var enroll = new Command("enroll", "Enrol a key for a user of your party (administrators): a key.enroll entry signed by your key") { enrollKeyId, enrollUser, enrollPublicKey };
        enroll.SetAction((parse, cancellationToken) => EnrollAsync(context, globals, parse, parse.GetValue(enrollKeyId), parse.GetValue(enrollUser), parse.GetValue(enrollPublicKey), cancellationToken));
        keys.Subcommands.Add(enroll);

        var revokeKeyId = new Argument<string>("key-id") { Description = "The key to revoke" };
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the joint record)", Required = true };
        var revoke = new Command("revoke", "Revoke a key (yours, or as an administrator one of your party's): a key.revoke entry") { revokeKeyId, reason };
        revoke.SetAction((parse, cancellationToken) => RevokeAsync(context, globals, parse, parse.GetValue(revokeKeyId)!, parse.GetValue(reason)!, cancellationToken));
        keys.Subcommands.Add(revoke);

        var owner = new Option<string?>("--owner") { Description = "Only this user's keys" };
        var party = new Option<string?>("--party") { Description = "Only this party's keys" };
        var status = new Option<string?>("--status") { Description = "pending, enrolled or revoked" };
        var list = new Command("list", "List signing keys") { owner, party, status };
        list.SetAction((parse, cancellationToken) => ListAsync(context, globals, parse, parse.GetValue(owner), parse.GetValue(party), parse.GetValue(status), cancellationToken));
        keys.Subcommands.Add(list);
        return keys;
    }

    private static async Task<int> NewAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, CancellationToken cancellationToken)
    {
        var (name, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        using var key = Ed25519PrivateKey.Generate();
        var keyFile = KeyFile.For(key, profile.User);
        var path = Path.Combine(context.ConfigDirectory, "keys", $"{name}-{keyFile.KeyId[..12]}.key");
        keyFile.Save(path);
        var proof = key.Sign(EntrySigning.KeyRequestMessage(profile.User, key.PublicKey.Bytes));
        var requested = await client.PostAsync<KeyView>("/api/v1/keys", new RequestKeyRequest(key.PublicKey.ToBase64(), Convert.ToBase64String(proof)), cancellationToken);

        var store = ProfileStore.Load(context.ConfigDirectory);
        store.Profiles[name] = store.Profiles[name] with { KeyFile = path };
        store.Save(context.ConfigDirectory);
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(requested, JsonSerializerOptions.Web));
        }
        else
        {
            await context.Out.WriteLineAsync($"Made key {requested.KeyId} ({path}); it is pending enrolment.");
            await context.Out.WriteLineAsync($"An administrator of {requested.Party} enrols it with: liaison keys enroll {requested.KeyId}");
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> EnrollAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string? keyId, string? user, string? publicKey, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        string subject;
        if (keyId is not null)
        {
            var pending = await client.GetAsync<KeyView>($"/api/v1/keys/{Uri.EscapeDataString(keyId)}", cancellationToken);
            if (pending.Status != "Pending")
            {
                throw new CliFailure($"key {keyId} is {pending.Status.ToLowerInvariant()}, not pending enrolment.");
            }

            subject = pending.Owner;
            publicKey = pending.PublicKey;
        }
        else if (user is not null && publicKey is not null)
        {
            subject = user;
        }
        else
        {
            throw new CliFailure("give a pending key's id, or --user and --public-key.", ExitCodes.Usage);
        }

        if (!Ed25519PublicKey.TryParseBase64(publicKey, out var parsed))
        {
            throw new CliFailure("the public key is not base64 of 32 bytes.", ExitCodes.Usage);
        }

        var enrolledKeyId = KeyId.For(parsed!.Bytes).Value;
        var mechanism = await client.GetAsync<Web.Api.MechanismView>("/api/v1/mechanism", cancellationToken);
        var me = await client.GetAsync<Web.Api.MeView>("/api/v1/me", cancellationToken);
        var everyone = new[] { me.Party }.Concat(mechanism.Parties.Select(p => p.Code)).Distinct().ToList();
        var fields = new JsonObject { ["subject"] = subject, ["publicKey"] = parsed.ToBase64(), ["keyId"] = enrolledKeyId };
        var result = await EntrySubmitter.SubmitAsync(context, profile, client, EntryTypes.KeyEnroll, fields, everyone, cancellationToken);
        await Print(context, parse, globals, result, $"Enrolled key {enrolledKeyId} for {subject}: entry {result.Seq}.");
        return ExitCodes.Ok;
    }

    private static async Task<int> RevokeAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string keyId, string reason, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var target = await client.GetAsync<KeyView>($"/api/v1/keys/{Uri.EscapeDataString(keyId)}", cancellationToken);
        var mechanism = await client.GetAsync<Web.Api.MechanismView>("/api/v1/mechanism", cancellationToken);
        var me = await client.GetAsync<Web.Api.MeView>("/api/v1/me", cancellationToken);
        var everyone = new[] { me.Party }.Concat(mechanism.Parties.Select(p => p.Code)).Distinct().ToList();
        var result = await EntrySubmitter.SubmitAsync(context, profile, client, EntryTypes.KeyRevoke, new JsonObject { ["keyId"] = keyId, ["reason"] = reason }, everyone, cancellationToken);
        await Print(context, parse, globals, result, $"Revoked key {keyId} of {target.Owner}: entry {result.Seq}.");
        return ExitCodes.Ok;
    }

    private static async Task<int> ListAsync(CliContext context, CliApp.GlobalOptions globals, ParseResult parse, string? owner, string? party, string? status, CancellationToken cancellationToken)
    {
        var (_, profile) = context.ResolveProfile(parse.GetValue(globals.Profile), parse.GetValue(globals.Server));
        using var client = context.ClientFor(profile);
        var query = string.Join('&', new[] { ("owner", owner), ("party", party), ("status", status) }.Where(q => q.Item2 is not null).Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2!)}"));
        var keys = await client.GetAsync<List<KeyView>>("/api/v1/keys" + (query.Length > 0 ? "?" + query : string.Empty), cancellationToken);
        if (parse.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(keys, JsonSerializerOptions.Web));
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("Key id", "Owner", "Kind", "Party", "Status", "Enrolled by", "Revoked by");
        foreach (var key in keys)
        {
            table.AddRow(key.KeyId, Markup.Escape(key.Owner), key.OwnerKind, key.Party, key.Status, key.EnrolledBySeq?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", key.RevokedBySeq?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    internal static async Task Print(CliContext context, ParseResult parse, CliApp.GlobalOptions globals, object result, string text)
    {
        await context.Out.WriteLineAsync(parse.GetValue(globals.Json) ? JsonSerializer.Serialize(result, JsonSerializerOptions.Web) : text);
    }
}
