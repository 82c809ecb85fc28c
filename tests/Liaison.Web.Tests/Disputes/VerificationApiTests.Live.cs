using Liaison.Domain.VerificationVisits;
using Liaison.Web.Tests.Live;
using Liaison.Web.VerificationVisits;

namespace Liaison.Web.Tests.Disputes;

/// <summary>
/// Live verification: a real SignalR client of <c>/hubs/verification</c> is told of each request, report and overdue
/// visit addressed to its party, and of nothing addressed elsewhere.
/// </summary>
public sealed partial class VerificationApiTests
{
    [Fact]
    public async Task Live_RequestKeptFromAParty_OnlyTheReportReachesIt()
    {
        await using var syrian = await LiveClient.ConnectAsync(app, "syr-officer", hubPath: VerificationLive.HubPath, method: "Changed");
        await using var mediator = await LiveClient.ConnectAsync(app, "usa-mediator", hubPath: VerificationLive.HubPath, method: "Changed");

        var request = await _cases.AcceptedAsync("isr-officer", VerificationEntryTypes.Request, Request(), ["ISR", "USA"]);
        var report = await _cases.AcceptedAsync("usa-mediator", VerificationEntryTypes.Report, Report("aos", request: request));

        Assert.Equal(VerificationEntryTypes.Request, (await mediator.WaitForEntryAsync(request)).GetProperty("type").GetString());
        Assert.Equal((report, VerificationEntryTypes.Report), ((await syrian.WaitForEntryAsync(report)).GetProperty("id").GetInt64(), (await syrian.WaitForEntryAsync(report)).GetProperty("type").GetString()));
        Assert.DoesNotContain(syrian.Received, e => e.GetProperty("seq").GetInt64() == request);
    }
}
