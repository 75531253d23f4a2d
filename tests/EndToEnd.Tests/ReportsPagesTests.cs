using Microsoft.Playwright;

namespace EndToEnd.Tests;

public sealed class ReportsPagesTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task An_admin_finds_the_scheduled_report_sends_the_quarter_again_and_downloads_it()
    {
        Browsers.SkipWithoutChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var page = await Browsers.SignedInAsync(browser, host, "admin@devrelhub.test");

        await page.GotoAsync("/reports");
        // The host started after 2026-Q3 ended, so the schedule sent that quarter's report to the demo's executive.
        var sent = page.Locator("#sent-reports");
        await Assertions.Expect(sent).ToContainTextAsync("On schedule", new() { Timeout = 30_000 });
        await Assertions.Expect(sent).ToContainTextAsync("2026-Q3");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send 2026-Q3 to the executives now" }).ClickAsync();

        await Assertions.Expect(page.GetByText("The report for 2026-Q3 is on its way to 1 executive(s).")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(sent).ToContainTextAsync("Sent by admin@devrelhub.test");
        var download = await page.APIRequest.GetAsync(await page.GetByRole(AriaRole.Link, new() { Name = "Download 2026-Q3" }).GetAttributeAsync("href") ?? "");
        Assert.Equal("application/pdf", download.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await download.BodyAsync())[..4]), StringComparison.Ordinal);
        await Browsers.ScreenshotAsync(page, "reports");
        await Browsers.AssertAccessibleAsync(page);
    }
}
