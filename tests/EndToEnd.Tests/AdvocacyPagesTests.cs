using Microsoft.Playwright;

namespace EndToEnd.Tests;

public sealed class AdvocacyPagesTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task An_advocate_sees_their_cfp_deadlines_logs_a_talk_with_its_fields_and_opens_the_calendar()
    {
        Browsers.SkipWithoutChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var page = await Browsers.SignedInAsync(browser, host, "advocate@devrelhub.test");

        await Assertions.Expect(page.Locator("#home-advocate")).ToContainTextAsync("KubeCon + CloudNativeCon Europe", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#home-advocate")).ToContainTextAsync("your submission: Draft");
        await Browsers.AssertAccessibleAsync(page);

        await page.GotoAsync("/advocacy/activities/new");
        await Assertions.Expect(page.Locator("#field-event")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.FillAsync("#activity-title", "Storage chaos at KubeCon");
        await page.ClickAsync("#activity-save");
        await Assertions.Expect(page.GetByText("'Event' must not be empty.")).ToBeVisibleAsync();
        await page.FillAsync("#field-event", "KubeCon EU");
        await page.ClickAsync("#activity-save");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Storage chaos at KubeCon" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByText("KubeCon EU")).ToBeVisibleAsync();
        await Browsers.ScreenshotAsync(page, "advocacy-activity");
        await Browsers.AssertAccessibleAsync(page);

        await page.GotoAsync("/advocacy/calendar");
        await Assertions.Expect(page.Locator(".advocacy-calendar")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Browsers.ScreenshotAsync(page, "advocacy-calendar");
        await Browsers.AssertAccessibleAsync(page);
        await page.ClickAsync("#calendar-feed-new");
        await Assertions.Expect(page.Locator("#calendar-feed")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/api/advocacy/calendar/.+\\.ics$"));
    }

    [Fact]
    public async Task An_advocate_starts_a_cfp_draft_from_the_events_page_and_the_program_pages_are_accessible()
    {
        Browsers.SkipWithoutChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var page = await Browsers.SignedInAsync(browser, host, "advocate@devrelhub.test");

        await page.GotoAsync("/advocacy/events");
        var rejekts = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Cloud Native Rejekts" });
        await rejekts.GetByRole(AriaRole.Button, new() { Name = "Start a draft" }).ClickAsync(new() { Timeout = 20_000 });
        await page.FillAsync("#draft-title", "Policy as code without tears");
        await page.ClickAsync("#draft-save");
        var draft = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Policy as code without tears" });
        await Assertions.Expect(draft).ToContainTextAsync("Cloud Native Rejekts", new() { Timeout = 20_000 });
        await Browsers.ScreenshotAsync(page, "advocacy-events");
        await Browsers.AssertAccessibleAsync(page);

        foreach (var (path, heading) in new[] { ("/advocacy/travel", "Travel"), ("/advocacy/invitations", "Invitations to community efforts"), ("/advocacy/champions", "Community champions") })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading })).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Browsers.AssertAccessibleAsync(page);
        }
        await Assertions.Expect(page.GetByText("Priya Natarajan")).ToBeVisibleAsync();
    }
}
