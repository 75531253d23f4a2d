using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace EndToEnd.Tests;

/// <summary>The workflow designer in a real browser, on the demo data: a recruiter changes the hiring process and publishes it.</summary>
public sealed class DesignerTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_recruiter_puts_a_delay_between_two_stages_fixes_the_dangling_port_and_publishes_version_2_which_only_new_applications_run()
    {
        Browsers.SkipWithoutChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var page = await Browsers.SignedInAsync(browser, host, "recruiter@devrelhub.test");
        var api = await ApiAsync("recruiter@devrelhub.test");
        var before = await ApplicationAsync(api, "Alice Novak");

        await page.GotoAsync("/workflows");
        await page.GetByRole(AriaRole.Link, new() { Name = "Developer Advocate hiring" }).ClickAsync();
        await Assertions.Expect(Node(page, "screening")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#designer-problems")).ToContainTextAsync("None: this workflow can be published.");

        await page.Locator("[data-tool='Delay']").DragToAsync(page.Locator("#designer-canvas"), new() { TargetPosition = new() { X = 330, Y = 420 } });
        await Assertions.Expect(Node(page, "delay1")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#designer-problems")).ToContainTextAsync("Node delay1: Delay needs Duration.");
        await page.Locator("input[data-input='Duration'], [data-input='Duration'] input").First.FillAsync("PT1H");
        await Assertions.Expect(page.Locator("#designer-problems")).Not.ToContainTextAsync("needs Duration");

        await DragAsync(page, Node(page, "screening").Locator("[data-outcome='Advance'] .wf-port"), Node(page, "delay1").Locator(".wf-in"));
        await Assertions.Expect(page.Locator("#designer-problems")).ToContainTextAsync("Node screening: the outcome Advance is connected 2 times");
        await Assertions.Expect(page.Locator("#designer-problems")).ToContainTextAsync("Node delay1: the outcome Done leads nowhere.");
        await Assertions.Expect(page.Locator("#designer-publish")).ToBeEnabledAsync();
        await Assertions.Expect(Node(page, "delay1")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("has-problems"));

        await DragAsync(page, Node(page, "delay1").Locator("[data-outcome='Done'] .wf-port"), Node(page, "manager").Locator(".wf-in"));
        await Assertions.Expect(page.Locator("#designer-problems")).Not.ToContainTextAsync("the outcome Done leads nowhere");
        await Node(page, "screening").Locator(".wf-node-title").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Advance to Hiring manager interview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#designer-problems")).ToContainTextAsync("None: this workflow can be published.");
        await Assertions.Expect(page.Locator("#designer-unsaved")).ToBeVisibleAsync();
        await Browsers.AssertAccessibleAsync(page);
        await Browsers.ScreenshotAsync(page, "designer");

        await page.Locator("#designer-publish").ClickAsync();
        await Assertions.Expect(page.Locator("#designer-version")).ToContainTextAsync("Version 2 · published", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#designer-unsaved")).ToHaveCountAsync(0);

        var after = await ApplicationAsync(api, "Alice Novak");
        Assert.Equal(1, await VersionOfAsync(api, before));
        Assert.Equal(1, await VersionOfAsync(api, after));
        var candidate = await ReadAsync(await api.PostAsJsonAsync("/api/hiring/candidates", new { fullName = "Erin Park", email = $"erin.{Guid.NewGuid():N}@example.com" }));
        var opening = (await ReadAsync(await api.GetAsync("/api/hiring/openings"))).EnumerateArray().First();
        var application = await ReadAsync(await api.PostAsJsonAsync("/api/hiring/applications",
            new { candidateId = candidate.GetProperty("id").GetGuid(), openingId = opening.GetProperty("id").GetGuid() }));
        Assert.Equal(2, await VersionOfAsync(api, application.GetProperty("workflowInstanceId").GetGuid()));
    }

    private static ILocator Node(IPage page, string id) => page.Locator($"[data-node='{id}']");

    private static async Task<(LocatorBoundingBoxResult From, LocatorBoundingBoxResult To)> StillAsync(ILocator from, ILocator to)
    {
        var last = (From: await BoxAsync(from), To: await BoxAsync(to));
        for (var look = 0; look < 40; look++)
        {
            await Task.Delay(100);
            var now = (From: await BoxAsync(from), To: await BoxAsync(to));
            if (Same(now.From, last.From) && Same(now.To, last.To))
            {
                return now;
            }
            last = now;
        }
        throw new InvalidOperationException("The ports kept moving for four seconds.");

        static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator element) =>
            await element.BoundingBoxAsync() ?? throw new InvalidOperationException($"{element} is not on screen.");

        static bool Same(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) => a.X == b.X && a.Y == b.Y && a.Width == b.Width && a.Height == b.Height;
    }

    /// <summary>
    /// Drags with the mouse from one element's centre to another's, as a person connecting two ports does, once both
    /// have stayed where they are for a moment: the server's last render can still move a node (a problem badge going
    /// away changes its size), and a drag aimed at where a port was lands nowhere. Both must be inside the visible
    /// canvas, where a person can reach them: the designer fits the graph into it when it opens.
    /// </summary>
    private static async Task DragAsync(IPage page, ILocator from, ILocator to)
    {
        var (source, target) = await StillAsync(from, to);
        var canvas = await page.Locator("#designer-canvas").BoundingBoxAsync() ?? throw new InvalidOperationException("The canvas is not on screen.");
        foreach (var (name, box) in new[] { (from.ToString(), source), (to.ToString(), target) })
        {
            Assert.True(Inside(box, canvas), $"{name} at ({box.X}, {box.Y}) is outside the visible canvas ({canvas.X}, {canvas.Y}, {canvas.Width} × {canvas.Height}).");
        }
        await page.Mouse.MoveAsync(source.X + source.Width / 2, source.Y + source.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(target.X + target.Width / 2, target.Y + target.Height / 2, new() { Steps = 12 });
        await page.Mouse.UpAsync();

        static bool Inside(LocatorBoundingBoxResult box, LocatorBoundingBoxResult canvas) =>
            box.X >= canvas.X && box.Y >= canvas.Y && box.X + box.Width <= canvas.X + canvas.Width && box.Y + box.Height <= canvas.Y + canvas.Height;
    }

    private Task<HttpClient> ApiAsync(string email) => DemoUsers.ClientAsync(host.BaseAddress, email);

    private static async Task<Guid> ApplicationAsync(HttpClient api, string candidate)
    {
        var applications = await ReadAsync(await api.GetAsync("/api/hiring/applications"));
        var id = applications.EnumerateArray().First(application => application.GetProperty("candidateName").GetString() == candidate).GetProperty("id").GetGuid();
        return (await ReadAsync(await api.GetAsync($"/api/hiring/applications/{id}"))).GetProperty("workflowInstanceId").GetGuid();
    }

    private static async Task<int> VersionOfAsync(HttpClient api, Guid instance) =>
        (await ReadAsync(await api.GetAsync($"/api/workflows/instances/{instance}"))).GetProperty("instance").GetProperty("definitionVersion").GetInt32();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
