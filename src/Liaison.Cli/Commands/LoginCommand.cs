using System.CommandLine;
using Liaison.Cli.Client;
using Liaison.Features.Identity;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison login --server URL --user NAME</c>: gets a personal access token with a password (read from stdin) and
/// TOTP code, or stores a given <c>--token</c>, and saves both under a profile.
/// </summary>
public static class LoginCommand
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var user = new Option<string?>("--user") { Description = "Your user name (needed unless --token is given)" };
        var token = new Option<string?>("--token") { Description = "An existing personal access token to store" };
        var totp = new Option<string?>("--totp") { Description = "The one-time code, if your account uses one" };
        var key = new Option<string?>("--key") { Description = "Your signing key file, if you already have one" };
        var command = new Command("login", "Sign in to a server and save the token under a profile (the password is read from stdin)") { user, token, totp, key };
        command.SetAction((parse, cancellationToken) => RunAsync(
            context, parse.GetValue(globals.Server), parse.GetValue(globals.Profile), parse.GetValue(user), parse.GetValue(token), parse.GetValue(totp), parse.GetValue(key), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? server, string? profileName, string? userName, string? token, string? totp, string? keyFile, CancellationToken cancellationToken)
    {
        if (server is null)
        {
            throw new CliFailure("login needs --server URL.", ExitCodes.Usage);
        }

        if (token is null)
        {
            if (userName is null)
            {
                throw new CliFailure("login needs --user NAME (and the password on stdin), or --token TOKEN.", ExitCodes.Usage);
            }

            var password = (await context.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(password))
            {
                throw new CliFailure("no password on stdin.", ExitCodes.Usage);
            }

            using var anonymous = new LiaisonClient(server, null, context.HttpHandler);
            var issued = await anonymous.PostAsync<TokenView>(
                "/api/v1/auth/token", new PasswordTokenRequest(userName, password, totp, $"cli on {Environment.MachineName}", null, 90), cancellationToken);
            token = issued.Token!;
        }

        using var client = new LiaisonClient(server, token, context.HttpHandler);
        var me = await client.GetAsync<Web.Api.MeView>("/api/v1/me", cancellationToken);
        var name = profileName ?? me.UserName;
        var store = ProfileStore.Load(context.ConfigDirectory);
        store.Profiles.TryGetValue(name, out var previous);
        store.Profiles[name] = new Profile(server, me.UserName, token, keyFile is null ? previous?.KeyFile : Path.GetFullPath(keyFile));
        (store with { Default = store.Default ?? name }).Save(context.ConfigDirectory);
        await context.Out.WriteLineAsync($"Signed in to {server} as {me.UserName} of {me.Party} ({string.Join(", ", me.Roles)}); saved as profile '{name}'.");
        return ExitCodes.Ok;
    }
}
