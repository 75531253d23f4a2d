using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace EndToEnd.Tests;

/// <summary>
/// Markup stored as data — a candidate's name, an activity's title — shows as the text it is on every page that
/// renders it: no element is made of it, nothing of it runs, and the content security policy has nothing to block.
/// </summary>
public sealed class StoredScriptTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Hostile = "Mallory <img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

    [Fact]
    public async Task A_stored_script_in_a_name_and_a_title_renders_as_text_and_never_runs()
    {
        Browsers.SkipWithoutChromium();
        using var api = await DemoUsers.ClientAsync(host.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);
        var candidate = await api.PostAsJsonAsync("/api/hiring/candidates", new { fullName = Hostile, email = "mallory@example.com", timeZone = "UTC" }, TestContext.Current.CancellationToken);
        Assert.True(candidate.IsSuccessStatusCode, await candidate.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var candidateId = (await candidate.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
        var openings = await api.GetFromJsonAsync<JsonElement>("/api/hiring/openings?openOnly=true", TestContext.Current.CancellationToken);
        var application = await api.PostAsJsonAsync("/api/hiring/applications",
            new { candidateId, openingId = openings.EnumerateArray().First().GetProperty("id").GetGuid() }, TestContext.Current.CancellationToken);
        Assert.True(application.IsSuccessStatusCode, await application.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var advocate = await Browsers.SignedInAsync(browser, host, "advocate@devrelhub.test");
        var dialogs = 0;
        advocate.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await advocate.GotoAsync("/advocacy/activities/new");
        await Assertions.Expect(advocate.Locator("#field-event")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await advocate.FillAsync("#activity-title", Hostile);
        await advocate.FillAsync("#field-event", "KubeCon EU");
        await advocate.ClickAsync("#activity-save");
        await Assertions.Expect(advocate.GetByRole(AriaRole.Heading, new() { Name = Hostile })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await AssertInertAsync(advocate);
        await advocate.GotoAsync("/advocacy/activities");
        await Assertions.Expect(advocate.GetByText(Hostile).First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await AssertInertAsync(advocate);

        var admin = await Browsers.SignedInAsync(browser, host, "admin@devrelhub.test");
        admin.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        foreach (var path in new[] { "/hiring/candidates", "/hiring/board" })
        {
            await admin.GotoAsync(path);
            await Assertions.Expect(admin.GetByText(Hostile).First).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await AssertInertAsync(admin);
        }
        Assert.Equal(0, dialogs);
    }

    private static async Task AssertInertAsync(IPage page)
    {
        Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.__xss"));
        var blocked = await page.EvaluateAsync<string[]>("window.__policyViolations ?? []");
        Assert.True(blocked.Length == 0, $"{page.Url}: the content security policy had to block " + string.Join("; ", blocked));
    }
}
