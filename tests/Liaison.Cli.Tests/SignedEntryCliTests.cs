using System.Text.Json;

namespace Liaison.Cli.Tests;

[Collection(DemoServerCollection.Name)]
public sealed class SignedEntryCliTests(DemoServerFixture server)
{
    [Fact]
    public async Task Officer_NewKeyEnrolledByAdmin_SubmitsEntryAndSeesItListed()
    {
        var created = await server.RunAsync("--profile", "isr-officer", "keys", "new", "--json");
        Assert.Equal(0, created.ExitCode);
        var keyId = JsonDocument.Parse(created.Out).RootElement.GetProperty("keyId").GetString()!;
        var statement = WriteStatement("הודעה מקצין הקישור", "he");

        var beforeEnrolment = await server.RunAsync("--profile", "isr-officer", "entries", "submit", statement);
        var enrolled = await server.RunAsync("--profile", "isr-admin", "keys", "enroll", keyId);
        var submitted = await server.RunAsync("--profile", "isr-officer", "entries", "submit", statement, "--json");
        var seq = JsonDocument.Parse(submitted.Out).RootElement.GetProperty("seq").GetInt64();
        var listed = await server.RunAsync("--profile", "syr-officer", "entries", "list", "--after", (seq - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");

        Assert.Equal(1, beforeEnrolment.ExitCode);
        Assert.Single(beforeEnrolment.ErrLines);
        Assert.Contains("key-not-enrolled", beforeEnrolment.Err, StringComparison.Ordinal);
        Assert.Equal(0, enrolled.ExitCode);
        Assert.Contains(keyId, enrolled.Out, StringComparison.Ordinal);
        Assert.Equal(0, submitted.ExitCode);
        Assert.Equal(0, listed.ExitCode);
        var entry = JsonDocument.Parse(listed.Out).RootElement.GetProperty("entries")[0];
        Assert.Equal(seq, entry.GetProperty("seq").GetInt64());
        Assert.Equal("isr-officer", entry.GetProperty("author").GetString());
        Assert.Equal(keyId, entry.GetProperty("keyId").GetString());
        var payload = JsonDocument.Parse(Convert.FromBase64String(entry.GetProperty("payload").GetString()!)).RootElement;
        Assert.Equal("הודעה מקצין הקישור", payload.GetProperty("body").GetString());
    }

    [Fact]
    public async Task EntriesList_Table_ShowsStatementsInTheirOwnScript()
    {
        var result = await server.RunAsync("--profile", "syr-officer", "entries", "list", "--type", "statement.issue");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("بيان بشأن الآلية المشتركة", result.Out, StringComparison.Ordinal);
        Assert.Contains("Establishment of the joint mechanism", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"bogus.type\"}", "", "unknown-payload-type")]
    [InlineData("{\"type\":\"statement.issue\",\"subject\":\"s\",\"body\":\"b\",\"lang\":\"en\"}", "ISR,XYZ", "audience-forbidden")]
    [InlineData("{\"type\":\"statement.issue\",\"subject\":\"s\",\"body\":\"b\",\"lang\":\"en\"}", "ISR", "audience-forbidden")]
    [InlineData("{\"type\":\"statement.issue\",\"subject\":\"s\",\"lang\":\"en\"}", "", "payload-invalid")]
    [InlineData("{\"type\":\"party.root\",\"publicKey\":\"AAAA\"}", "", "role-forbidden")]
    public async Task EntriesSubmit_RefusedEntry_OneErrorLineExitOneNothingStored(string json, string audience, string problem)
    {
        var file = WriteFile(json);
        var before = await RecordSizeAsync();
        string[] args = audience.Length == 0
            ? ["--profile", "syr-officer", "entries", "submit", file]
            : ["--profile", "syr-officer", "entries", "submit", file, "--audience", audience];

        var result = await server.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.StartsWith("liaison: ", result.Err, StringComparison.Ordinal);
        Assert.Contains(problem, result.Err, StringComparison.Ordinal);
        Assert.Equal(before, await RecordSizeAsync());
    }

    [Fact]
    public async Task EntriesSubmit_HeaderFieldInFile_RefusedBeforeSending()
    {
        var file = WriteFile("{\"type\":\"statement.issue\",\"author\":\"someone-else\",\"subject\":\"s\",\"body\":\"b\",\"lang\":\"en\"}");

        var result = await server.RunAsync("--profile", "isr-commander", "entries", "submit", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("\"author\"", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysEnroll_ByAnotherPartysAdministrator_Refused()
    {
        var created = await server.RunAsync("--profile", "isr-analyst", "keys", "new", "--json");
        var keyId = JsonDocument.Parse(created.Out).RootElement.GetProperty("keyId").GetString()!;

        var result = await server.RunAsync("--profile", "syr-admin", "keys", "enroll", keyId);
        var key = await server.RunAsync("--profile", "isr-analyst", "keys", "list", "--owner", "isr-analyst", "--status", "pending", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("enrolment-forbidden", result.Err, StringComparison.Ordinal);
        Assert.Contains(keyId, key.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRevoke_ThenSubmit_RefusedAsRevoked()
    {
        var created = await server.RunAsync("--profile", "syr-duty", "keys", "new", "--json");
        var keyId = JsonDocument.Parse(created.Out).RootElement.GetProperty("keyId").GetString()!;
        await server.RunAsync("--profile", "syr-admin", "keys", "enroll", keyId);
        var statement = WriteStatement("اختبار", "ar");

        var revoked = await server.RunAsync("--profile", "syr-admin", "keys", "revoke", keyId, "--reason", "device lost");
        var submitted = await server.RunAsync("--profile", "syr-duty", "entries", "submit", statement);
        var listed = await server.RunAsync("--profile", "syr-duty", "keys", "list", "--owner", "syr-duty");

        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(1, submitted.ExitCode);
        Assert.Contains("revoked-key", submitted.Err, StringComparison.Ordinal);
        Assert.Contains("Revoked", listed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithPasswordOnStdin_SavesWorkingProfile()
    {
        var password = await DemoPasswordAsync("undof-observer");
        using var config = new TempFolder();

        var login = await CliRun.RunAsync(config.Path, ["login", "--server", server.Server.Url, "--user", "undof-observer", "--profile", "observer"], password + "\n");
        var list = await CliRun.RunAsync(config.Path, ["--profile", "observer", "keys", "list", "--party", "UNDOF", "--json"]);

        Assert.Equal(0, login.ExitCode);
        Assert.Contains("undof-observer of UNDOF", login.Out, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("undof-observer", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPassword_OneLineExitOne()
    {
        using var config = new TempFolder();

        var login = await CliRun.RunAsync(config.Path, ["login", "--server", server.Server.Url, "--user", "isr-officer"], "wrong-password\n");

        Assert.Equal(1, login.ExitCode);
        Assert.Single(login.ErrLines);
        Assert.Contains("bad-credentials", login.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(config.Path, "profiles.json")));
    }

    private async Task<long> RecordSizeAsync()
    {
        var result = await server.RunAsync("--profile", "usa-mediator", "entries", "list", "--limit", "1", "--json");
        return JsonDocument.Parse(result.Out).RootElement.GetProperty("recordSize").GetInt64();
    }

    private async Task<string> DemoPasswordAsync(string user)
    {
        var credentials = await File.ReadAllTextAsync(Path.Combine(server.Server.DataDirectory, "demo", "credentials.json"), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(credentials).RootElement.GetProperty("users").EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == user).GetProperty("password").GetString()!;
    }

    private static string WriteStatement(string body, string lang) =>
        WriteFile(JsonSerializer.Serialize(new { type = "statement.issue", subject = "CLI test", body, lang }));

    private static string WriteFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"liaison-entry-{Guid.NewGuid():n}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
