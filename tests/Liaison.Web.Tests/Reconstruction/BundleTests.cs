using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Domain.Hotline;
using Liaison.Features.Reconstruction;
using Liaison.Ledger.Notes;
using Liaison.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Web.Tests.Reconstruction;

/// <summary>
/// Reconstruction bundles through the real app with both parties' witnesses: <c>GET /api/v1/bundles</c> exports entries
/// against the latest final checkpoint, <see cref="VerifyBundle"/> checks the result offline, and one byte changed
/// anywhere that matters is refused, naming what failed.
/// </summary>
public sealed class BundleTests(WitnessedApp app) : IClassFixture<WitnessedApp>
{
    private static readonly string[] Security = ["ISR", "SYR", "USA", "UNDOF"];

    [Fact]
    public async Task Export_MessageWithAttachmentAndStatement_VerifiesOfflineWithKeyChainsAndAttachment()
    {
        var (message, sha, bytes) = await SendWithAttachmentAsync();
        var statement = await SubmitAsync("syr-officer", EntryTypes.StatementIssue, ["SYR", "ISR"], Statement());
        await WaitForFinalAsync(statement);

        using var client = app.CreateClientFor("syr-officer");
        using var response = await client.GetAsync($"/api/v1/bundles?seq={message}&seq={statement}", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var (bundle, problem) = ReconstructionBundle.Parse(body);
        var report = VerifyBundle.Verify(bundle!, await TrustAsync());

        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Null(problem);
        Assert.True(report.Passed, string.Join("\n", report.Failures));
        Assert.Equal([message, statement], bundle!.Entries.Select(e => e.Seq));
        Assert.Equal([message, statement], report.Entries.Where(e => !e.IsKey).Select(e => e.Seq));
        Assert.Equal(2, report.CosignedBy.Count);
        Assert.Equal(Convert.ToBase64String(bytes), bundle.Attachments[sha]);
        Assert.Equal(1, report.AttachmentsChecked);
        Assert.Contains(bundle.Keys, k => k.Type == EntryTypes.PartyRoot && k.Author == "ISR");
        Assert.Contains(bundle.Keys, k => k.Type == EntryTypes.PartyRoot && k.Author == "SYR");
        Assert.Equal(["isr-admin", "isr-officer", "syr-admin", "syr-officer"], bundle.Keys.Where(k => k.Type == EntryTypes.KeyEnroll).Select(Subject).Order(StringComparer.Ordinal));
        Assert.Equal(bundle.Keys.Count, report.KeyEntriesChecked);
        Assert.Equal("syr-officer", bundle.ExportedBy.User);
        Assert.Empty(bundle.Pending);
        Assert.Empty(bundle.Withheld);
    }

    [Theory]
    [InlineData("payload", "entry {0}: its payload does not hash to the payload hash in its leaf")]
    [InlineData("signature", "entry {0}: the signature does not verify")]
    [InlineData("proof", "entry {0}: inclusion proof: ")]
    [InlineData("checkpoint", "checkpoint: The signature by ")]
    [InlineData("attachment", "attachment {1}: its bytes hash to ")]
    [InlineData("key", "entry {2} (key): its payload does not hash to the payload hash in its leaf")]
    [InlineData("subject", "subject: incident 1 is not among the bundle's entries")]
    public async Task Verify_OneByteChanged_RefusedNamingWhatFailed(string part, string expected)
    {
        var (message, sha, _) = await SendWithAttachmentAsync();
        await WaitForFinalAsync(message);
        var bundle = await ExportAsync("isr-officer", message);
        var officerEnrolment = bundle.Keys.Single(k => k.Type == EntryTypes.KeyEnroll && Subject(k) == "isr-officer").Seq;
        var tampered = part switch
        {
            "payload" => bundle with { Entries = [bundle.Entries[0] with { Payload = FlipByte(bundle.Entries[0].Payload, 40) }] },
            "signature" => bundle with { Entries = [bundle.Entries[0] with { Sig = FlipByte(bundle.Entries[0].Sig, 10) }] },
            "proof" => bundle with { Entries = [bundle.Entries[0] with { InclusionProof = [FlipByte(bundle.Entries[0].InclusionProof[0], 5), .. bundle.Entries[0].InclusionProof.Skip(1)] }] },
            "checkpoint" => bundle with { Checkpoint = FlipRootByte(bundle.Checkpoint) },
            "attachment" => bundle with { Attachments = new Dictionary<string, string> { [sha] = FlipByte(bundle.Attachments[sha], 3) } },
            "key" => bundle with { Keys = [.. bundle.Keys.Select(k => k.Seq == officerEnrolment ? k with { Payload = FlipByte(k.Payload, 30) } : k)] },
            "subject" => bundle with { Subject = new BundleSubject("incident", 1) },
            _ => throw new ArgumentOutOfRangeException(nameof(part)),
        };
        var trust = await TrustAsync();

        var untouched = VerifyBundle.Verify(bundle, trust);
        var report = VerifyBundle.Verify(tampered, trust);

        Assert.True(untouched.Passed, string.Join("\n", untouched.Failures));
        Assert.False(report.Passed);
        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, message, sha, officerEnrolment), report.Failures[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_BundleNamingAnotherLogKeyOrMissingAWitness_Refused()
    {
        var seq = await SubmitAsync("isr-officer", EntryTypes.StatementIssue, Security, Statement());
        await WaitForFinalAsync(seq);
        var bundle = await ExportAsync("isr-officer", seq);
        var trust = await TrustAsync();
        using var other = Liaison.Ledger.Crypto.Ed25519PrivateKey.Generate();
        var otherLogKey = NoteVerifierKey.ForEd25519(trust.LogKey.Name, other.PublicKey);
        var otherWitness = NoteVerifierKey.ForCosignature("undof-witness.test", other.PublicKey);

        var wrongLog = VerifyBundle.Verify(bundle, trust with { LogKey = otherLogKey });
        var extraWitness = VerifyBundle.Verify(bundle, trust with { Witnesses = [.. trust.Witnesses, otherWitness] });
        var noWitness = VerifyBundle.Verify(bundle, trust with { Witnesses = [] });

        Assert.StartsWith("log key: the bundle names ", wrongLog.Failures.Single().ToString(), StringComparison.Ordinal);
        Assert.Equal("checkpoint: not cosigned by undof-witness.test: it is not final", extraWitness.Failures.Single().ToString());
        Assert.StartsWith("checkpoint: no witness key", noWitness.Failures.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_EntryNotAddressedToTheParty_LeftOutAsWithheld()
    {
        var visible = await SubmitAsync("isr-officer", EntryTypes.StatementIssue, Security, Statement());
        var hidden = await SubmitAsync("isr-officer", EntryTypes.StatementIssue, ["ISR", "USA"], Statement());
        await WaitForFinalAsync(hidden);

        var bundle = await ExportAsync("syr-officer", visible, hidden);
        using var client = app.CreateClientFor("syr-officer");
        using var onlyHidden = await client.GetAsync($"/api/v1/bundles?seq={hidden}", TestContext.Current.CancellationToken);

        Assert.Equal([visible], bundle.Entries.Select(e => e.Seq));
        Assert.Equal([hidden], bundle.Withheld);
        Assert.True(VerifyBundle.Verify(bundle, await TrustAsync()).Passed);
        var problem = await onlyHidden.AssertProblemAsync(HttpStatusCode.Conflict, "nothing-to-export");
        Assert.Equal(hidden, problem.GetProperty("withheld")[0].GetInt64());
    }

    [Fact]
    public async Task Export_EntryNewerThanTheFinalCheckpoint_LeftOutAsPendingUntilFinal()
    {
        var older = await SubmitAsync("isr-officer", EntryTypes.StatementIssue, Security, Statement());
        await WaitForFinalAsync(older);
        app.Cosigning = false;
        long newer;
        ReconstructionBundle early;
        try
        {
            newer = await SubmitAsync("isr-officer", EntryTypes.StatementIssue, Security, Statement());
            early = await ExportAsync("isr-officer", older, newer);
        }
        finally
        {
            app.Cosigning = true;
        }

        var trigger = await SubmitAsync("isr-officer", EntryTypes.StatementIssue, Security, Statement());
        await WaitForFinalAsync(trigger);
        var later = await ExportAsync("isr-officer", older, newer);

        Assert.Equal([older], early.Entries.Select(e => e.Seq));
        Assert.Equal([newer], early.Pending);
        Assert.Equal([older, newer], later.Entries.Select(e => e.Seq));
        Assert.Empty(later.Pending);
        Assert.True(VerifyBundle.Verify(later, await TrustAsync()).Passed);
    }

    [Fact]
    public async Task ExportBundle_SubjectNewerThanTheFinalCheckpointOrNotAmongTheEntries_Refused()
    {
        var older = await SubmitAsync("isr-officer", EntryTypes.StatementIssue, Security, Statement());
        await WaitForFinalAsync(older);
        app.Cosigning = false;
        Domain.Common.Result<ReconstructionBundle> notFinal;
        Domain.Common.Result<ReconstructionBundle> notAmong;
        Domain.Common.Result<ReconstructionBundle> found;
        try
        {
            var newer = await SubmitAsync("isr-officer", EntryTypes.StatementIssue, Security, Statement());
            await using var scope = app.Services.CreateAsyncScope();
            var export = scope.ServiceProvider.GetRequiredService<ExportBundle>();
            var member = new Domain.Parties.Member("isr-officer", new Domain.Parties.PartyCode("ISR"), new HashSet<Domain.Parties.Role>());
            notFinal = await export.HandleAsync(new ExportBundleRequest([older, newer], new BundleSubject("incident", newer)), member, TestContext.Current.CancellationToken);
            notAmong = await export.HandleAsync(new ExportBundleRequest([older], new BundleSubject("incident", older + 1)), member, TestContext.Current.CancellationToken);
            found = await export.HandleAsync(new ExportBundleRequest([older, newer], new BundleSubject("incident", older)), member, TestContext.Current.CancellationToken);
        }
        finally
        {
            app.Cosigning = true;
        }

        Assert.Equal("subject-not-final", notFinal.Error.Code);
        Assert.Equal("subject-not-in-bundle", notAmong.Error.Code);
        Assert.True(VerifyBundle.Verify(found.Value, await TrustAsync()).Passed);
        Assert.Equal(new BundleSubject("incident", older), found.Value.Subject);
    }

    [Fact]
    public async Task IncidentBundle_ReportWithEvidence_VerifiesOfflineWithTheIncidentAsSubject()
    {
        var bytes = Encoding.UTF8.GetBytes("Crater photo " + Guid.NewGuid().ToString("N"));
        var sha = await UploadAsync("syr-officer", bytes);
        var incident = await SubmitAsync("syr-officer", "incident.report", ["SYR", "ISR", "USA", "UNDOF"], new JsonObject
        {
            ["category"] = "exchange-of-fire",
            ["time"] = new JsonObject { ["start"] = "2026-11-01T06:00:00Z" },
            ["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(36.57, 32.71) },
            ["actors"] = new JsonArray("israeli-forces", "syrian-government-forces"),
            ["narrative"] = new JsonObject { ["text"] = "تبادل لإطلاق النار قرب السويداء " + Guid.NewGuid().ToString("N"), ["lang"] = "ar" },
            ["grading"] = "B2",
            ["evidence"] = new JsonArray(new JsonObject { ["sha256"] = sha, ["name"] = "crater.txt", ["mediaType"] = "text/plain", ["size"] = bytes.Length }),
        });
        await WaitForFinalAsync(incident);

        using var client = app.CreateClientFor("isr-officer");
        using var response = await client.GetAsync($"/api/v1/incidents/{incident}/bundle", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        var (bundle, _) = ReconstructionBundle.Parse(body);
        var report = VerifyBundle.Verify(bundle!, await TrustAsync());

        Assert.True(report.Passed, string.Join("\n", report.Failures));
        Assert.Equal(new BundleSubject("incident", incident), bundle!.Subject);
        Assert.Contains(incident, bundle.Entries.Select(e => e.Seq));
        Assert.Equal(Convert.ToBase64String(bytes), bundle.Attachments[sha]);
        Assert.Equal(1, report.AttachmentsChecked);
    }

    [Theory]
    [InlineData("seq=999999999", HttpStatusCode.NotFound, "entry-not-found")]
    [InlineData("seq=abc", HttpStatusCode.BadRequest, "invalid-seqs")]
    [InlineData("", HttpStatusCode.BadRequest, "invalid-seqs")]
    [InlineData("many", HttpStatusCode.BadRequest, "too-many-seqs")]
    public async Task Export_BadSeqs_Problem(string query, HttpStatusCode status, string code)
    {
        if (query == "many")
        {
            query = string.Join("&", Enumerable.Range(0, ExportBundle.MaxSeqs + 1).Select(i => $"seq={i}"));
        }

        using var client = app.CreateClientFor("isr-officer");
        using var response = await client.GetAsync("/api/v1/bundles?" + query, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(status, code);
    }

    [Fact]
    public async Task Export_WithoutToken_Unauthorized()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/v1/bundles?seq=0", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static JsonObject Statement() => new()
    {
        ["subject"] = "Bundle test " + Guid.NewGuid().ToString("N"),
        ["body"] = "تبادل لإطلاق النار قرب السويداء.",
        ["lang"] = "ar",
    };

    /// <summary>The user a key.enroll entry enrols.</summary>
    private static string Subject(BundleEntry enrolment) =>
        JsonDocument.Parse(Convert.FromBase64String(enrolment.Payload)).RootElement.GetProperty("subject").GetString()!;

    /// <summary>Flips every bit of one byte of base64 text's bytes, at <paramref name="index"/> (modulo their length).</summary>
    private static string FlipByte(string base64, int index)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[index % bytes.Length] ^= 0xff;
        return Convert.ToBase64String(bytes);
    }

    /// <summary>The checkpoint note with one byte of its root hash changed, its signatures left as they were.</summary>
    private static string FlipRootByte(string note)
    {
        var lines = note.Split('\n');
        lines[2] = FlipByte(lines[2], 0);
        return string.Join('\n', lines);
    }

    private async Task<string> UploadAsync(string userName, byte[] bytes)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var client = app.CreateClientFor(userName);
        using var upload = await client.PutAsync($"/api/v1/attachments/{sha}", new ByteArrayContent(bytes), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        return sha;
    }

    private async Task<(long Seq, string Sha, byte[] Bytes)> SendWithAttachmentAsync()
    {
        var bytes = Encoding.UTF8.GetBytes("Evidence " + Guid.NewGuid().ToString("N") + ": צילום מהשטח");
        var sha = await UploadAsync("isr-officer", bytes);

        var seq = await SubmitAsync("isr-officer", HotlineEntryTypes.MessageSend, Security, new JsonObject
        {
            ["channel"] = "isr-syr-security",
            ["precedence"] = "ROUTINE",
            ["template"] = "free-text",
            ["subject"] = "Bundle test " + Guid.NewGuid().ToString("N"),
            ["body"] = "Evidence attached.",
            ["lang"] = "en",
            ["attachments"] = new JsonArray(new JsonObject { ["sha256"] = sha, ["name"] = "evidence.txt", ["mediaType"] = "text/plain", ["size"] = bytes.Length }),
        });
        return (seq, sha, bytes);
    }

    private async Task<long> SubmitAsync(string author, string type, string[] audience, JsonObject fields)
    {
        using var client = app.CreateClientFor(author);
        using var response = await client.SubmitEntryAsync(app.Sign(author, type, audience, fields));
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
    }

    private async Task<ReconstructionBundle> ExportAsync(string userName, params long[] seqs)
    {
        using var client = app.CreateClientFor(userName);
        using var response = await client.GetAsync("/api/v1/bundles?" + string.Join("&", seqs.Select(s => $"seq={s}")), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        var (bundle, problem) = ReconstructionBundle.Parse(body);
        return bundle ?? throw new InvalidOperationException(problem);
    }

    /// <summary>What a verifier who pinned the keys would trust: the log key the server shows, and the two witnesses' keys.</summary>
    private async Task<BundleTrust> TrustAsync()
    {
        using var client = app.CreateClientFor("usa-mediator");
        using var response = await client.GetAsync("/api/v1/log/key", TestContext.Current.CancellationToken);
        var vkey = (await response.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("vkey").GetString();
        return new BundleTrust(NoteVerifierKey.Parse(vkey).Value, "the test's", [.. app.Witnesses.Values.Select(w => w.VerifierKey)], "the test's");
    }

    /// <summary>Waits (at most 30 s) until a final checkpoint covers entry <paramref name="seq"/>.</summary>
    private async Task WaitForFinalAsync(long seq)
    {
        using var client = app.CreateClientFor("usa-mediator");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync("/api/v1/log/checkpoint?final=true", TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.OK
                && JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("size").GetInt64() > seq)
            {
                return;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"No final checkpoint covered entry {seq} within 30 s.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
