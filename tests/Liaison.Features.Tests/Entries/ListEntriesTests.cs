using Liaison.Domain.Parties;
using Liaison.Features.Entries;
using Liaison.Features.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Features.Tests.Entries;

public sealed class ListEntriesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Member Viewer(string party) => new($"{party.ToLowerInvariant()}-analyst", new PartyCode(party), new HashSet<Role> { Role.Analyst });

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GetAsync_EntryNotAddressedToTheViewer_ShowsTheLeafButNotThePayload(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);
        var officer = await mechanism.AddUserAsync("ISR", "isr-officer", Role.LiaisonOfficer);
        var payload = mechanism.StatementPayload(officer, "for Israel and the convener", audience: ["ISR", "USA"]);
        var seq = (await mechanism.SubmitAsync(officer, TestMechanism.Request(officer, payload))).Value.Seq;

        await using var scope = mechanism.Database.CreateScope();
        var list = scope.ServiceProvider.GetRequiredService<ListEntries>();
        var views = new Dictionary<string, EntryView>(StringComparer.Ordinal);
        foreach (var party in mechanism.EveryParty)
        {
            views[party] = (await list.GetAsync(seq, Viewer(party), Cancel)).Value;
        }

        Assert.Equal(Convert.ToBase64String(payload), views["ISR"].Payload);
        Assert.Equal(Convert.ToBase64String(payload), views["USA"].Payload);
        Assert.Null(views["SYR"].Payload);
        Assert.Null(views["UNDOF"].Payload);
        Assert.Single(views.Values.Select(v => (v.LeafHash, v.PayloadSha256, v.Sig, v.Author, string.Join(',', v.Audience))).Distinct());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HandleAsync_AfterASeq_ListsTheRestInOrderWithTheRecordSize(string provider)
    {
        await using var mechanism = await TestMechanism.CreateAsync(provider);

        await using var scope = mechanism.Database.CreateScope();
        var list = scope.ServiceProvider.GetRequiredService<ListEntries>();
        var page = (await list.HandleAsync(new ListEntriesRequest(After: 2, Limit: 3), Viewer("SYR"), Cancel)).Value;
        var newest = (await list.HandleAsync(new ListEntriesRequest(Limit: 2, Newest: true), Viewer("SYR"), Cancel)).Value;
        var missing = await list.GetAsync(TestMechanism.GenesisEntries, Viewer("SYR"), Cancel);
        var tooMany = await list.HandleAsync(new ListEntriesRequest(Limit: ListEntries.MaxLimit + 1), Viewer("SYR"), Cancel);

        Assert.Equal([3L, 4L, 5L], page.Entries.Select(e => e.Seq));
        Assert.Equal(TestMechanism.GenesisEntries, page.RecordSize);
        Assert.Equal([8L, 7L], newest.Entries.Select(e => e.Seq));
        Assert.Equal("entry-not-found", missing.Error.Code);
        Assert.Equal("invalid-limit", tooMany.Error.Code);
    }
}
