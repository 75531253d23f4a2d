using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Reports.Quarterly;
using SkiaSharp;
using PdfReader = UglyToad.PdfPig.PdfDocument;

namespace DevRelHub.Reports.Tests;

public abstract class QuarterlyReportTests(ReportsApp app)
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_quarter_prints_every_section_the_metrics_api_figures_and_numbered_pages()
    {
        await app.StartAsync();
        await app.SeedDemoAsync();
        var executive = await app.ClientAsAsync(Roles.Executive);
        await SetTargetAsync(executive, KpiName.Awareness, 12_000);
        await SetTargetAsync(executive, KpiName.Involvement, 4);
        await PlanNextQuarterAsync();
        var summary = await executive.GetFromJsonAsync<JsonElement>("/api/metrics/quarters/2026-Q3/summary", Ct);

        var bytes = await executive.GetByteArrayAsync("/api/reports/quarterly/2026-Q3.pdf", Ct);

        Artifacts.Save($"quarterly-report-full-{app.Database.ProviderName}.pdf", bytes);
        using var pdf = PdfReader.Open(bytes);
        var pages = pdf.GetPages().Select(page => page.Text).ToList();
        Assert.InRange(pages.Count, 4, 12);
        for (var number = 1; number <= pages.Count; number++)
        {
            Assert.Contains($"Page {number} of {pages.Count}", pages[number - 1], StringComparison.Ordinal);
        }
        Assert.All(QuarterlyReportDocument.Sections, section => Assert.Contains(pages, page => page.Contains(section, StringComparison.Ordinal)));
        var awareness = summary.GetProperty("awareness").GetInt64();
        var involvement = summary.GetProperty("involvement").GetProperty("total").GetInt64();
        Assert.True(awareness > 0 && involvement > 0);
        var cover = pages[0];
        Assert.Contains("2026-Q3", cover, StringComparison.Ordinal);
        Assert.Contains($"AWARENESS{awareness.ToString("N0", Culture)}eyeballs reached", cover, StringComparison.Ordinal);
        var executiveSummary = pages.Single(page => page.Contains("Executive summary", StringComparison.Ordinal));
        Assert.Contains($"AWARENESS{awareness.ToString("N0", Culture)}Target 12,000 · {Math.Round(100.0 * awareness / 12_000, 1).ToString("0.#", Culture)} % reached", executiveSummary, StringComparison.Ordinal);
        Assert.Contains($"COMMUNITY INVOLVEMENT{involvement.ToString("N0", Culture)}Target 4", executiveSummary, StringComparison.Ordinal);
        Assert.Contains($"Our work reached {awareness.ToString("N0", Culture)} eyeballs", executiveSummary, StringComparison.Ordinal);
        var top = summary.GetProperty("topActivities")[0];
        var all = string.Concat(pages);
        Assert.Contains($"1{top.GetProperty("title").GetString()}", all, StringComparison.Ordinal);
        Assert.Contains("Sam Rivera", all, StringComparison.Ordinal);
        Assert.Contains("Open Source Summit Europe", all, StringComparison.Ordinal);
        Assert.Contains("Running Litmus in the wild", all, StringComparison.Ordinal);
        Assert.Contains("DevOpsDays Chicago", all, StringComparison.Ordinal);
        Assert.Contains("Screening", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_page_renders_to_an_image_that_is_not_blank()
    {
        await app.StartAsync();
        await app.SeedDemoAsync();
        var executive = await app.ClientAsAsync(Roles.Executive);
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(path + ".pdf", await executive.GetByteArrayAsync("/api/reports/quarterly/2026-Q3.pdf", Ct), Ct);

        using (var pdftoppm = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", path + ".pdf", path]))!)
        {
            await pdftoppm.WaitForExitAsync(Ct);
            Assert.Equal(0, pdftoppm.ExitCode);
        }

        using var image = SKBitmap.Decode(path + ".png");
        var inked = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var pixel = image.GetPixel(x, y);
                inked += pixel.Red < 200 || pixel.Green < 200 || pixel.Blue < 200 ? 1 : 0;
            }
        }
        Assert.InRange(100.0 * inked / (image.Width * image.Height), 1, 60);
        File.Delete(path + ".pdf");
        File.Delete(path + ".png");
    }

    [Fact]
    public async Task A_table_that_runs_onto_the_next_page_repeats_its_header_there()
    {
        await app.StartAsync();
        for (var i = 1; i <= 70; i++)
        {
            await app.SendAsync(new CreateAdvocate($"Advocate {i:D2}", $"advocate{i}@devrelhub.test"));
        }
        var executive = await app.ClientAsAsync(Roles.Executive);

        using var pdf = PdfReader.Open(await executive.GetByteArrayAsync("/api/reports/quarterly/2026-Q3.pdf", Ct));

        var withAdvocates = pdf.GetPages().Where(page => System.Text.RegularExpressions.Regex.IsMatch(page.Text, "Advocate [0-9]{2}")).ToList();
        Assert.True(withAdvocates.Count >= 2, "the advocates table runs over two pages");
        Assert.All(withAdvocates, page => Assert.Contains("AdvocateActivitiesAwarenessInvolvementFollower growthTravel", page.Text, StringComparison.Ordinal));
        var listed = string.Concat(withAdvocates.Select(page => page.Text));
        Assert.All(Enumerable.Range(1, 70), i => Assert.Contains($"Advocate {i:D2}", listed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_quarter_prints_every_section_and_says_what_is_missing()
    {
        await app.StartAsync();
        var executive = await app.ClientAsAsync(Roles.Executive);

        var bytes = await executive.GetByteArrayAsync("/api/reports/quarterly/2025-Q1.pdf", Ct);

        Artifacts.Save($"quarterly-report-empty-{app.Database.ProviderName}.pdf", bytes);
        using var pdf = PdfReader.Open(bytes);
        var all = string.Concat(pdf.GetPages().Select(page => page.Text));
        Assert.All(QuarterlyReportDocument.Sections, section => Assert.Contains(section, all, StringComparison.Ordinal));
        Assert.Contains("AWARENESS0No target set for the quarter", all, StringComparison.Ordinal);
        Assert.Contains("No awareness was recorded in 2025-Q1", all, StringComparison.Ordinal);
        Assert.Contains("No activity reported an audience this quarter.", all, StringComparison.Ordinal);
        Assert.Contains("No accepted talks at events in 2025-Q2 yet.", all, StringComparison.Ordinal);
        Assert.Contains("The team has no advocates on record.", all, StringComparison.Ordinal);
        Assert.Contains("No figures to chart for this period.", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_figures_on_the_same_date_give_the_same_bytes()
    {
        await app.StartAsync();
        await app.SeedDemoAsync();
        var figures = await app.SendAsync(new GatherQuarterlyFigures(new Quarter(2026, 3)));

        byte[] Render() => QuarterlyReportDocument.Compose(figures, ReportsApp.Start).Render();

        Assert.Equal(Render(), Render());
    }

    [Fact]
    public async Task Advocates_and_anonymous_callers_do_not_get_the_report()
    {
        await app.StartAsync();
        var advocate = await app.ClientAsAsync(Roles.Advocate);

        Assert.Equal(HttpStatusCode.Forbidden, (await advocate.GetAsync("/api/reports/quarterly/2026-Q3.pdf", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/reports/quarterly/2026-Q3.pdf", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_quarter_that_does_not_parse_gets_a_problem_naming_the_format()
    {
        await app.StartAsync();
        var executive = await app.ClientAsAsync(Roles.Executive);

        var response = await executive.GetAsync("/api/reports/quarterly/2026-Q5.pdf", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(body.Contains("2026-Q3", StringComparison.Ordinal), body);
    }

    private static async Task SetTargetAsync(HttpClient client, KpiName kpi, long value) =>
        (await client.PutAsJsonAsync("/api/metrics/targets", new TargetInput(new Quarter(2026, 3), kpi, value), Ct)).EnsureSuccessStatusCode();

    /// <summary>An accepted talk at an event in 2026-Q4 and a call for papers open at the end of 2026-Q3.</summary>
    private async Task PlanNextQuarterAsync()
    {
        var sam = (await app.SendAsync(new ListAdvocates())).Single(advocate => advocate.DisplayName == "Sam Rivera");
        var summit = await app.SendAsync(new CreateEvent(new EventInput("Open Source Summit Europe", EventKind.Conference, new(2026, 11, 9), new(2026, 11, 11), "Amsterdam",
            CfpClosesAt: new DateTimeOffset(2026, 8, 1, 23, 59, 0, TimeSpan.Zero))));
        var submission = await app.SendAsync(new CreateSubmission(summit.Id, sam.Id, "Running Litmus in the wild", null, Editor.System));
        await app.SendAsync(new ChangeSubmission(submission.Id, SubmissionStatus.Submitted, null, null, null, Editor.System));
        await app.SendAsync(new ChangeSubmission(submission.Id, SubmissionStatus.Accepted, null, null, null, Editor.System));
        await app.SendAsync(new CreateEvent(new EventInput("DevOpsDays Chicago", EventKind.Conference, new(2027, 2, 8), new(2027, 2, 9), "Chicago",
            CfpOpensOn: new(2026, 9, 1), CfpClosesAt: new DateTimeOffset(2026, 10, 20, 23, 59, 0, TimeSpan.Zero))));
        await app.SendAsync(new CreateTrip(new TripInput(sam.Id, "Shanghai", new(2026, 7, 12), new(2026, 7, 17), Purpose: "KubeCon China"), Editor.System));
    }
}

public sealed class QuarterlyReportTestsOnSqlite(ReportsAppOnSqlite app) : QuarterlyReportTests(app), IClassFixture<ReportsAppOnSqlite>;

public sealed class QuarterlyReportTestsOnPostgres(ReportsAppOnPostgres app) : QuarterlyReportTests(app), IClassFixture<ReportsAppOnPostgres>;
