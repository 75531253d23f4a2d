using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EndToEnd.Tests;

/// <summary>The recruiters' board, the application page and the directors' scoring, in a real browser on the demo data.</summary>
public sealed class HiringPagesTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_recruiter_moves_a_candidate_to_the_panel_on_the_board_and_directors_score_it_without_seeing_each_other()
    {
        Browsers.SkipWithoutChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var recruiter = await Browsers.SignedInAsync(browser, host, "recruiter@devrelhub.test");
        var watcher = await Browsers.SignedInAsync(browser, host, "admin@devrelhub.test");
        await recruiter.GotoAsync("/hiring/board");
        await watcher.GotoAsync("/hiring/board");

        await Assertions.Expect(Card(recruiter, "Screening call", "Bruno Costa")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await recruiter.GetByRole(AriaRole.Button, new() { Name = "Advance Bruno Costa" }).ClickAsync();
        await Assertions.Expect(Card(recruiter, "Hiring manager interview", "Bruno Costa")).ToBeVisibleAsync();
        await Assertions.Expect(Card(watcher, "Hiring manager interview", "Bruno Costa")).ToBeVisibleAsync();
        await recruiter.GetByRole(AriaRole.Button, new() { Name = "Advance Bruno Costa" }).ClickAsync();
        await Assertions.Expect(Card(recruiter, "Panel presentation", "Bruno Costa")).ToBeVisibleAsync();
        await Assertions.Expect(Card(watcher, "Panel presentation", "Bruno Costa")).ToBeVisibleAsync();
        await Browsers.AssertAccessibleAsync(recruiter);
        await Browsers.ScreenshotAsync(recruiter, "board");

        await Card(recruiter, "Panel presentation", "Bruno Costa").GetByRole(AriaRole.Link, new() { Name = "Bruno Costa", Exact = true }).ClickAsync();
        await Assertions.Expect(recruiter.Locator("#application-stage")).ToHaveTextAsync("Panel presentation", new() { Timeout = 20_000 });
        await recruiter.GetByLabel("Interviewers' e-mails, comma-separated")
            .FillAsync("panelist1@devrelhub.test, panelist2@devrelhub.test, panelist3@devrelhub.test");
        await recruiter.Locator("#interview-schedule").ClickAsync();
        await Assertions.Expect(recruiter.Locator("#timeline")).ToContainTextAsync("Panel presentation scheduled");
        await Browsers.AssertAccessibleAsync(recruiter);
        await Browsers.ScreenshotAsync(recruiter, "candidate");

        await recruiter.Locator("#view-workflow").ClickAsync();
        await Assertions.Expect(recruiter.Locator("[data-node='screening']")).ToHaveAttributeAsync("data-state", "visited", new() { Timeout = 20_000 });
        await Assertions.Expect(recruiter.Locator("[data-node='panel']")).ToHaveAttributeAsync("data-state", "waiting");
        await Assertions.Expect(recruiter.Locator("[data-node='offer']")).Not.ToHaveAttributeAsync("data-state", new Regex("."));
        await Assertions.Expect(recruiter.Locator("#instance-journal")).ToContainTextAsync("Completed → Advance");
        await Browsers.AssertAccessibleAsync(recruiter);
        await Browsers.ScreenshotAsync(recruiter, "instance");

        var second = await Browsers.SignedInAsync(browser, host, "panelist2@devrelhub.test");
        await ScoreAsync(second, "Bruno Costa", "Strong Yes");
        await Assertions.Expect(second.Locator("#panel-result")).ToContainTextAsync("1 of 3");

        var first = await Browsers.SignedInAsync(browser, host, "panelist1@devrelhub.test");
        await first.GotoAsync("/hiring/panels");
        await Assertions.Expect(first.GetByText("Nothing waits for your scorecard.")).Not.ToBeVisibleAsync();
        await Browsers.AssertAccessibleAsync(first);
        await first.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Open the scorecard|Score now") }).First.ClickAsync();
        await Assertions.Expect(first.Locator("#scorecard-form")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(first.Locator("#panel-result")).ToHaveCountAsync(0);
        await Assertions.Expect(first.GetByText("Strong Yes", new() { Exact = true }).First).ToBeVisibleAsync();
        await Browsers.AssertAccessibleAsync(first);
        await Browsers.ScreenshotAsync(first, "scoring");
        await RateAllAsync(first, "Yes");
        await first.Locator("#score-submit").ClickAsync();
        await Assertions.Expect(first.Locator("#score-locked")).ToBeVisibleAsync();
        await Assertions.Expect(first.Locator("#panel-result")).ToContainTextAsync("2 of 3");
        await Assertions.Expect(first.Locator("#panel-result")).ToContainTextAsync("Mean recommendation 3.50");
        await Browsers.ScreenshotAsync(first, "scoring-submitted");

        var third = await Browsers.SignedInAsync(browser, host, "panelist3@devrelhub.test");
        await Assertions.Expect(third.Locator("#home-panels")).ToContainTextAsync("Bruno Costa", new() { Timeout = 20_000 });
        await Browsers.AssertAccessibleAsync(third);
        await Browsers.ScreenshotAsync(third, "home-director");
    }

    [Fact]
    public async Task An_executive_is_refused_the_designer_the_board_and_a_candidate_page()
    {
        Browsers.SkipWithoutChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var executive = await Browsers.SignedInAsync(browser, host, "exec@devrelhub.test");
        await Assertions.Expect(executive.Locator("#home-report")).ToContainTextAsync("Download the PDF", new() { Timeout = 20_000 });
        await Assertions.Expect(executive.Locator("#home-overdue")).ToHaveCountAsync(0);
        await Browsers.AssertAccessibleAsync(executive);
        await Browsers.ScreenshotAsync(executive, "home-executive");

        foreach (var path in new[] { "/workflows", "/hiring/board", $"/hiring/applications/{Guid.NewGuid()}", "/hiring/panels" })
        {
            await executive.GotoAsync(path);
            await Assertions.Expect(executive.GetByText("Your role does not give access to this page.")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        }
        await Assertions.Expect(executive.GetByRole(AriaRole.Link, new() { Name = "Pipeline" })).ToHaveCountAsync(0);
    }

    private static ILocator Card(IPage page, string stage, string candidate) =>
        page.Locator($"section[data-stage='{stage}'] .board-card[data-candidate='{candidate}']");

    private static async Task ScoreAsync(IPage page, string candidate, string rating)
    {
        await page.GotoAsync("/hiring/panels");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Open the scorecard|Score now") }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#scorecard-form")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("h4")).ToHaveTextAsync(candidate);
        await RateAllAsync(page, rating);
        await page.Locator("#score-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#score-locked")).ToBeVisibleAsync();
    }

    /// <summary>Chooses <paramref name="word"/> for every attribute and the overall recommendation.</summary>
    private static async Task RateAllAsync(IPage page, string word)
    {
        var choices = page.GetByRole(AriaRole.Radio, new() { Name = word, Exact = true });
        var count = await choices.CountAsync();
        Assert.Equal(14, count);
        for (var i = 0; i < count; i++)
        {
            await choices.Nth(i).CheckAsync(new() { Force = true });
        }
    }
}
