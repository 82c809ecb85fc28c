using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.UI.Tests;

/// <summary>
/// Issue #6's "done when", as a new user would try it in the demo: a Syrian officer reports an exchange of fire from the
/// command line, the Israeli officer acknowledges it in the browser, Syria opens a dispute, the convener records a
/// finding, the reconstruction shows both sides' entries on one timeline, and its exported bundle verifies offline.
/// </summary>
[Collection(nameof(LiaisonUiCollection))]
public sealed class IncidentReconstructionTests(LiaisonUi ui)
{
    [Fact]
    public async Task ReportedFromTheCli_AcknowledgedInTheBrowser_DisputedAndFound_ReconstructedAndItsBundleVerifiesOffline()
    {
        ui.RequireBrowser();
        var incident = await ui.CliIdAsync("syr-officer", "incident", "report", "--category", "exchange-of-fire", "--at", "now-2h",
            "--point", "35.95,33.12", "--grading", "B2", "--actor", "syrian-government-forces", "--killed", "SYR=0-1",
            "--narrative", "تبادل لإطلاق النار شرق القنيطرة", "--lang", "ar");

        await using (var browser = await ui.SignInAsync("isr-officer"))
        {
            var page = browser.Pages[0];
            await ui.EnrolBrowserKeyAsync(page, "isr-officer", "isr-admin");
            await page.GotoAsync($"/Incidents/Incident?id={incident}");
            await Expect(page.Locator("#incident-detail")).ToHaveAttributeAsync("data-ready", "true");
            await Expect(page.GetByTestId("status")).ToHaveTextAsync("reported");
            await Expect(page.GetByTestId("grading")).ToHaveTextAsync("B2");
            await Expect(page.GetByTestId("deadline")).ToContainTextAsync("Acknowledgement");
            await Expect(page.Locator("#incident-narrative .user-text")).ToHaveAttributeAsync("lang", "ar");

            await page.GetByTestId("ack-form").GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
            await Expect(page.GetByTestId("action-outcome")).ToContainTextAsync("Signed and recorded as entry #");
            await Expect(page.GetByTestId("status")).ToHaveTextAsync("acknowledged");
            await Expect(page.Locator("#incident-timeline [data-party=\"ISR\"][data-kind=\"ack\"]")).ToContainTextAsync("isr-officer acknowledged the report");
        }

        var dispute = await ui.CliIdAsync("syr-officer", "dispute", "open", "--respondent", "ISR", "--breach", "1974 Agreement: fire across the line",
            "--incident", incident.ToString(System.Globalization.CultureInfo.InvariantCulture), "--claim", "Israeli forces opened fire east of Quneitra.");
        var found = await ui.CliAsync("--profile", "usa-mediator", "dispute", "finding", dispute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--outcome", "inconclusive", "--reason", "Both sides' accounts agree on the exchange, not on who fired first.", "--remedy", "A joint patrol of the line.");
        Assert.True(found.ExitCode == 0, $"dispute finding: {found.Err}");

        await using (var browser = await ui.SignInAsync("isr-officer"))
        {
            var page = browser.Pages[0];
            await page.GotoAsync($"/Incidents/Reconstruction?id={incident}");
            await Expect(page.Locator("#reconstruction")).ToHaveAttributeAsync("data-ready", "true");
            var timeline = page.GetByTestId("timeline");
            await Expect(timeline.Locator($"[data-seq=\"{incident}\"][data-party=\"SYR\"]")).ToBeVisibleAsync();
            await Expect(timeline.Locator("[data-party=\"ISR\"][data-kind=\"incident-step\"]")).ToContainTextAsync("isr-officer acknowledged");
            await Expect(timeline.Locator($"[data-seq=\"{dispute}\"]")).ToContainTextAsync("opened dispute");
            await Expect(timeline.Locator("[data-kind=\"dispute-finding\"]")).ToContainTextAsync("inconclusive");
            await Expect(page.GetByTestId("bundle-link")).ToHaveAttributeAsync("href", $"/api/v1/incidents/{incident}/bundle");
        }

        // The bundle is proven against a final checkpoint: the witnesses cosign within seconds of the finding.
        var file = Path.Combine(Path.GetTempPath(), $"liaison-ui-bundle-{Guid.NewGuid():N}.json");
        try
        {
            using var client = ui.ApiClient("isr-officer");
            for (var attempt = 0; ; attempt++)
            {
                using var response = await client.GetAsync($"/api/v1/incidents/{incident}/bundle", TestContext.Current.CancellationToken);
                var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
                var pending = -1;
                if (response.IsSuccessStatusCode)
                {
                    using var bundle = JsonDocument.Parse(bytes);
                    pending = bundle.RootElement.TryGetProperty("pending", out var p) ? p.GetArrayLength() : 0;
                }

                if (pending == 0)
                {
                    await File.WriteAllBytesAsync(file, bytes, TestContext.Current.CancellationToken);
                    break;
                }

                // 409 (not final yet) or entries still pending: the witnesses have not cosigned the newest checkpoint.
                Assert.True(attempt < 30 && (pending > 0 || (int)response.StatusCode == 409), $"bundle: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }

            // Offline: pin the log's keys with a verify of the server first, as a user does once, then check the file alone.
            var pinned = await ui.CliAsync("--profile", "isr-officer", "verify");
            Assert.True(pinned.ExitCode == 0, $"verify: {pinned.Err}");
            var verified = await ui.CliAsync("--profile", "isr-officer", "verify", "--bundle", file);
            Assert.True(verified.ExitCode == 0, $"verify --bundle: {verified.Out}{verified.Err}");

            var bytesOnDisk = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            var at = System.Text.Encoding.UTF8.GetString(bytesOnDisk).IndexOf("\"sig\":\"", StringComparison.Ordinal) + 8;
            bytesOnDisk[at] = (byte)(bytesOnDisk[at] == (byte)'A' ? 'B' : 'A');
            await File.WriteAllBytesAsync(file, bytesOnDisk, TestContext.Current.CancellationToken);
            var tampered = await ui.CliAsync("--profile", "isr-officer", "verify", "--bundle", file);
            Assert.Equal(1, tampered.ExitCode);
            Assert.Contains("FAIL", tampered.Err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
