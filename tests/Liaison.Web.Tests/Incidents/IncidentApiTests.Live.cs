using System.Text.Json.Nodes;
using Liaison.Domain.Incidents;
using Liaison.Web.Incidents;
using Liaison.Web.Tests.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Web.Tests.Incidents;

/// <summary>
/// Live incidents: a real SignalR client of <c>/hubs/incidents</c> is told of each change to an incident its party may
/// read (a report, a step, a link naming it), by id and entry, and of nothing addressed elsewhere.
/// </summary>
public sealed partial class IncidentApiTests
{
    [Fact]
    public async Task Live_ReportThenAcknowledgement_EachPartyInTheAudienceIsToldOfBoth()
    {
        await using var syrian = await LiveClient.ConnectAsync(app, "syr-officer", hubPath: IncidentLive.HubPath, method: "Changed");
        await using var observer = await LiveClient.ConnectAsync(app, "undof-observer", hubPath: IncidentLive.HubPath, method: "Changed");

        var id = await SubmitAsync("syr-officer", IncidentEntryTypes.Report, Report("exchange-of-fire", Unique()));
        var ack = await SubmitAsync("isr-duty", IncidentEntryTypes.Acknowledge, new JsonObject { ["incident"] = id });

        var reported = await syrian.WaitForEntryAsync(id);
        var acknowledged = await syrian.WaitForEntryAsync(ack);
        Assert.Equal((id, IncidentEntryTypes.Report), (reported.GetProperty("id").GetInt64(), reported.GetProperty("type").GetString()));
        Assert.Equal((id, IncidentEntryTypes.Acknowledge), (acknowledged.GetProperty("id").GetInt64(), acknowledged.GetProperty("type").GetString()));
        Assert.Equal(id, (await observer.WaitForEntryAsync(ack)).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Live_ReportNotAddressedToTheObserver_ObserverIsNotTold()
    {
        await using var observer = await LiveClient.ConnectAsync(app, "undof-observer", hubPath: IncidentLive.HubPath, method: "Changed");
        await using var mediator = await LiveClient.ConnectAsync(app, "usa-mediator", hubPath: IncidentLive.HubPath, method: "Changed");

        var hidden = await SubmitAsync("isr-officer", IncidentEntryTypes.Report, Report("detention", Unique()), ["ISR", "SYR", "USA"]);
        var addressed = await SubmitAsync("isr-officer", IncidentEntryTypes.Report, Report("detention", Unique()));

        // Changes go out in record order: once the later report has arrived, the earlier one would have too.
        await mediator.WaitForEntryAsync(hidden);
        await observer.WaitForEntryAsync(addressed);
        Assert.DoesNotContain(observer.Received, e => e.GetProperty("id").GetInt64() == hidden);
    }

    [Fact]
    public async Task Live_Link_EachLinkedReportIsChanged()
    {
        var syrian = await SubmitAsync("syr-officer", IncidentEntryTypes.Report, Report("exchange-of-fire", Unique()));
        var israeli = await SubmitAsync("isr-officer", IncidentEntryTypes.Report, Report("exchange-of-fire", Unique()));
        await using var mediator = await LiveClient.ConnectAsync(app, "usa-mediator", hubPath: IncidentLive.HubPath, method: "Changed");

        var link = await SubmitAsync("usa-mediator", IncidentEntryTypes.Link, new JsonObject { ["incidents"] = new JsonArray(syrian, israeli), ["reason"] = "One exchange, reported by both." });

        await mediator.WaitForAsync(e => e.GetProperty("seq").GetInt64() == link && e.GetProperty("id").GetInt64() == syrian);
        await mediator.WaitForAsync(e => e.GetProperty("seq").GetInt64() == link && e.GetProperty("id").GetInt64() == israeli);
    }

    [Fact]
    public void Changed_NamesTheIncidentsAnEntryChanges()
    {
        var live = app.Services.GetRequiredService<IncidentLive>();
        Assert.Equal([7L], live.Changed(IncidentEntryTypes.Report, 7, Json("{}")));
        Assert.Equal([3L, 5L], live.Changed(IncidentEntryTypes.Link, 9, Json("{\"incidents\":[3,5],\"reason\":\"x\"}")));
        Assert.Equal([3L], live.Changed(IncidentEntryTypes.Escalate, 9, Json("{\"incident\":3}")));
        Assert.Empty(live.Changed(IncidentEntryTypes.Acknowledge, 9, Json("{}")));
        Assert.Empty(live.Changed("dispute.reply", 9, Json("{\"incident\":3}")));
    }

    private static System.Text.Json.JsonElement Json(string text)
    {
        using var document = System.Text.Json.JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
