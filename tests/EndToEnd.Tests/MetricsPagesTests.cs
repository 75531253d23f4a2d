using System.Text;
using Microsoft.Playwright;

namespace EndToEnd.Tests;

public sealed class MetricsPagesTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task An_executive_reads_the_quarter_breaks_it_down_by_channel_drills_to_the_activities_and_sets_targets()
    {
        Browsers.SkipWithoutChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var page = await Browsers.SignedInAsync(browser, host, "exec@devrelhub.test");

        await page.GotoAsync("/metrics/2026-Q3");
        // The demo's eyeballs in Q3: 420 + 3,150 + 5,870 + 260 + 1,140 + 2,300.
        await Assertions.Expect(page.Locator("#awareness-total")).ToHaveTextAsync("13,140", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#awareness-trend svg")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "By channel" }).ClickAsync();
        await Assertions.Expect(page.Locator("#breakdown")).ToContainTextAsync("Blog analytics", new() { Timeout = 20_000 });
        await page.Locator("#breakdown").GetByRole(AriaRole.Button, new() { Name = "Blog analytics" }).ClickAsync();
        await Assertions.Expect(page.Locator("#drill-down")).ToContainTextAsync("Chaos engineering with Litmus in CI/CD", new() { Timeout = 20_000 });

        await page.FillAsync("#awareness-target", "20000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save targets" }).ClickAsync();
        // 13,140 of 20,000.
        await Assertions.Expect(page.GetByText("65.7 % of the target of 20,000")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Browsers.ScreenshotAsync(page, "metrics-dashboard");
        await Browsers.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task An_advocate_imports_a_csv_of_numbers_and_sees_each_bad_line_of_another()
    {
        Browsers.SkipWithoutChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var page = await Browsers.SignedInAsync(browser, host, "advocate@devrelhub.test");
        await page.GotoAsync("/metrics/2026-Q3");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Kubeflow in production" }).First;
        var activity = (await link.GetAttributeAsync("href", new() { Timeout = 20_000 }))!.Split('/')[^1];

        await page.GotoAsync("/metrics/imports");
        await Assertions.Expect(page.Locator("#import-choose")).ToBeEnabledAsync(new() { Timeout = 20_000 });
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "listens.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"subject_id,metric,value,observed_on,source\n{activity},Listens,700,2026-09-20,Podcast host\n"),
        });
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("1 new", new() { Timeout = 20_000 });
        // MudFileUpload adds a fresh input after each upload.
        await page.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload
        {
            Name = "bad.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"subject_id,metric,value,observed_on\n{activity},Claps,1,2026-09-20\n"),
        });
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("Nothing was imported from bad.csv", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByText("'Claps' is not a metric")).ToBeVisibleAsync();
        await Browsers.AssertAccessibleAsync(page);
    }
}
