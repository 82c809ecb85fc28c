using System.Net;
using Liaison.Web.Tests.Support;

namespace Liaison.Web.Tests.Entries;

/// <summary>Submissions racing each other: the sequencer gives each accepted entry its own consecutive seq.</summary>
public sealed partial class EntrySubmissionTests
{
    private static readonly string[] Authors = ["isr-officer", "isr-duty", "isr-commander", "syr-officer", "syr-duty", "syr-commander", "usa-mediator", "undof-observer"];

    [Fact]
    public async Task Submit_ManyAtOnce_EachGetsADistinctConsecutiveSeq()
    {
        var entries = Enumerable.Range(0, 40).Select(i => Authors[i % Authors.Length]).Select(author => (Author: author, Entry: app.Sign(author, app.Statement(author, [app.User(author).Party])))).ToList();
        var sizeBefore = await app.RecordSizeAsync();

        var seqs = await Task.WhenAll(entries.Select(async e =>
        {
            using var client = app.CreateClientFor(e.Author);
            using var response = await client.SubmitEntryAsync(e.Entry);
            return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
        }));

        // Consecutive but for entries the server may sign on its own clock meanwhile (a test that moved the shared fake
        // clock can set them off in the background): every entry since then is one of these 40 or the server's.
        Assert.Equal(entries.Count, seqs.Distinct().Count());
        using var reader = app.CreateClientFor("usa-mediator");
        using var response = await reader.GetAsync($"/api/v1/entries?after={sizeBefore - 1}&limit=500", TestContext.Current.CancellationToken);
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        var added = page.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, added.Count).Select(i => sizeBefore + i), added.Select(e => e.GetProperty("seq").GetInt64()));
        var ours = seqs.ToHashSet();
        Assert.All(added.Where(e => !ours.Contains(e.GetProperty("seq").GetInt64())), e => Assert.Equal("server", e.GetProperty("author").GetString()));
        Assert.Equal(entries.Count, added.Count(e => ours.Contains(e.GetProperty("seq").GetInt64())));
    }

    [Fact]
    public async Task Submit_SamePayloadTwiceAtOnce_AcceptsOneAndRefusesTheOtherAsDuplicate()
    {
        var entry = app.Sign("syr-officer", app.Statement("syr-officer", ["SYR"]));
        var sizeBefore = await app.RecordSizeAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var client = app.CreateClientFor("syr-officer");
            return await client.SubmitEntryAsync(entry);
        }));

        try
        {
            var accepted = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            var refused = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
            var seq = (await accepted.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("seq").GetInt64();
            var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict, "duplicate-entry");
            Assert.Equal(seq, problem.GetProperty("seq").GetInt64());
            Assert.Equal(sizeBefore + 1, await app.RecordSizeAsync());
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }
}
