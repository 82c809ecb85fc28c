using Liaison.Domain.Disputes;
using Liaison.Web.Disputes;
using Liaison.Web.Tests.Live;

namespace Liaison.Web.Tests.Disputes;

/// <summary>
/// Live disputes: a real SignalR client of <c>/hubs/disputes</c> is told of each change to a dispute its party may read
/// (opened, answered, escalated, decided), by id and entry, and of nothing addressed elsewhere.
/// </summary>
public sealed partial class DisputeApiTests
{
    [Fact]
    public async Task Live_OpenedThenAnswered_TheClaimantIsToldOfBoth()
    {
        await using var syrian = await LiveClient.ConnectAsync(app, "syr-officer", hubPath: DisputeLive.HubPath, method: "Changed");

        var id = await _cases.AcceptedAsync("syr-officer", DisputeEntryTypes.Open, Open());
        var reply = await _cases.AcceptedAsync("isr-officer", DisputeEntryTypes.Reply, ReplyTo(id));

        var opened = await syrian.WaitForEntryAsync(id);
        var answered = await syrian.WaitForEntryAsync(reply);
        Assert.Equal((id, DisputeEntryTypes.Open), (opened.GetProperty("id").GetInt64(), opened.GetProperty("type").GetString()));
        Assert.Equal((id, DisputeEntryTypes.Reply), (answered.GetProperty("id").GetInt64(), answered.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Live_DisputeNotAddressedToTheObserver_ObserverIsNotTold()
    {
        await using var observer = await LiveClient.ConnectAsync(app, "undof-observer", hubPath: DisputeLive.HubPath, method: "Changed");
        await using var mediator = await LiveClient.ConnectAsync(app, "usa-mediator", hubPath: DisputeLive.HubPath, method: "Changed");

        var hidden = await _cases.AcceptedAsync("syr-officer", DisputeEntryTypes.Open, Open(), ["ISR", "SYR", "USA"]);
        var addressed = await _cases.AcceptedAsync("syr-officer", DisputeEntryTypes.Open, Open());

        // Changes go out in record order: once the later dispute has arrived, the earlier one would have too.
        await mediator.WaitForEntryAsync(hidden);
        await observer.WaitForEntryAsync(addressed);
        Assert.DoesNotContain(observer.Received, e => e.GetProperty("id").GetInt64() == hidden);
    }
}
