using Microsoft.Playwright;

namespace EndToEnd.Tests;

public sealed class SignInTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_demo_recruiter_signs_in_and_sees_the_candidate_list()
    {
        Browsers.SkipWithoutChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.BaseAddress.ToString() });

        await page.GotoAsync("/hiring/candidates");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.FillAsync("#email", "recruiter@devrelhub.test");
        await page.FillAsync("#password", "Demo!2026");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/hiring/candidates$"));
        await Assertions.Expect(page.Locator("#candidate-table")).ToContainTextAsync("Alice Novak", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#candidate-table")).ToContainTextAsync("dana.whitfield@example.com");
        await Assertions.Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("Riley Chen");
        await Assertions.Expect(page.Locator("#signed-in-role")).ToContainTextAsync("Recruiter");
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_visitor_on_the_sign_in_page_with_a_message()
    {
        Browsers.SkipWithoutChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.BaseAddress.ToString() });

        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", "recruiter@devrelhub.test");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The e-mail or the password is wrong.");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    [Fact]
    public async Task The_admin_reaches_every_section_from_the_navigation()
    {
        Browsers.SkipWithoutChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.BaseAddress.ToString() });
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", "admin@devrelhub.test");
        await page.FillAsync("#password", "Demo!2026");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByText("Welcome, Ada Admin")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        foreach (var (link, heading, content) in new[]
        {
            ("Pipeline", "Pipeline", "Screening call"),
            ("Candidates", "Candidates", "Bruno Costa"),
            ("My panels", "My panels", "To score"),
            ("Definitions", "Workflows", "Developer Advocate hiring"),
            ("Activities", "Activities", "Kubeflow in production"),
            ("Awareness and involvement", "Awareness and involvement", "eyeballs"),
            ("Quarterly reports", "Quarterly reports", "Sent reports"),
        })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("h4").First).ToContainTextAsync(heading);
            await Assertions.Expect(page.Locator(".mud-main-content")).ToContainTextAsync(content, new() { Timeout = 20_000 });
            await Browsers.AssertAccessibleAsync(page);
        }
    }
}
