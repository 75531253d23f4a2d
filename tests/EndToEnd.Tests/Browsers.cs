using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EndToEnd.Tests;

/// <summary>Debian's Chromium driven by Playwright, signing in as the demo users, with screenshots and accessibility checks.</summary>
internal static class Browsers
{
    public const string Chromium = "/usr/bin/chromium";

    public const string Password = DemoUsers.Password;

    /// <summary>Where the tests leave screenshots for a reviewer (ignored by git).</summary>
    public static string Artifacts { get; } = Path.Combine(HostExecutable.RepositoryRoot, "tests", "EndToEnd", "artifacts");

    public static void SkipWithoutChromium() =>
        Assert.SkipUnless(File.Exists(Chromium), $"Browser tests drive Debian's Chromium at {Chromium}; ./test.sh installs it when run as root.");

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Chromium,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    /// <summary>A page of its own (cookies of its own) signed in as <paramref name="email"/>.</summary>
    public static async Task<IPage> SignedInAsync(IBrowser browser, HostFixture host, string email)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 900 } });
        await context.AddInitScriptAsync(RecordPolicyViolations);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#signed-in-user")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, $"{name}.png"), FullPage = true });
    }

    // What the content security policy blocked on the page: an inline handler, a foreign script…
    private const string RecordPolicyViolations =
        "window.__policyViolations = []; document.addEventListener('securitypolicyviolation', e => window.__policyViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline code')));";

    /// <summary>
    /// Fails with the rules broken when axe finds a serious or critical accessibility violation on the page as it stands,
    /// or when the content security policy blocked anything on it (pages opened by <see cref="SignedInAsync"/>).
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var blocked = await page.EvaluateAsync<string[]>("window.__policyViolations ?? []");
        Assert.True(blocked.Length == 0, $"{page.Url}: the content security policy blocked " + string.Join("; ", blocked));
        // A notification fading in or out is half transparent; axe would measure its contrast mid-animation.
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        var result = await page.RunAxe();
        var serious = result.Violations.Where(violation => violation.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("; ", serious.Select(violation =>
            $"{violation.Id} ({violation.Impact}): {violation.Help} — {string.Join(", ", violation.Nodes.Take(3).Select(node => node.Html))}")));
    }
}
