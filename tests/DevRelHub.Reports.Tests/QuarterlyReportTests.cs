using System.Net;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;

namespace DevRelHub.Reports.Tests;

public abstract class QuarterlyReportTests(DevRelHubApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_executive_downloads_the_quarter_pdf_and_finds_the_totals_in_its_text()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "Litmus chaos", new DateOnly(2026, 8, 3), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        await app.SendAsync(new RecordObservations(
            [new ObservationInput(talk.Id, MetricKind.Attendees, 1_234, new DateOnly(2026, 8, 3)), new ObservationInput(talk.Id, MetricKind.Views, 10_000, new DateOnly(2026, 8, 20))],
            "test"));
        await app.SendAsync(new RecordInvitation(new InvitationInput(sam.Id, InvitationKind.PodcastGuest, "Ship It", "The hosts", new DateOnly(2026, 9, 1)), Editor.System));
        await app.SendAsync(new RecordContribution(new ContributionInput("Priya", ContentKind.Tutorial, "Litmus 101", "https://dev.to/litmus", new DateOnly(2026, 9, 2)), "test"));
        await app.SendAsync(new RecordContribution(new ContributionInput("Lee", ContentKind.Video, "Chaos demo", "https://youtu.be/x", new DateOnly(2026, 9, 3)), "test"));
        var executive = await app.ClientAsAsync(Roles.Executive);

        var response = await executive.GetAsync("/api/reports/quarterly/2026-Q3.pdf", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        var text = pdf.GetPage(1).Text;
        Assert.Contains("DevRel Hub quarterly report 2026-Q3", text, StringComparison.Ordinal);
        Assert.Contains("Awareness (eyeballs reached)11,234", text, StringComparison.Ordinal);
        Assert.Contains("Activities logged1", text, StringComparison.Ordinal);
        Assert.Contains("Attendees1,234", text, StringComparison.Ordinal);
        Assert.Contains("Community involvement3", text, StringComparison.Ordinal);
        Assert.Contains("Change on 2026-Q2 / on 2025-Q3+11,234 / +11,234", text, StringComparison.Ordinal);
        Assert.Contains("Invitations to community efforts1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_quarter_prints_zeroes_and_says_nothing_was_observed()
    {
        await app.StartAsync();
        var executive = await app.ClientAsAsync(Roles.Executive);

        var bytes = await executive.GetByteArrayAsync("/api/reports/quarterly/2025-Q1.pdf", Ct);

        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        var text = pdf.GetPage(1).Text;
        Assert.Contains("Awareness (eyeballs reached)0", text, StringComparison.Ordinal);
        Assert.Contains("Nothing was observed in this quarter.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Advocates_and_anonymous_callers_do_not_get_the_report()
    {
        await app.StartAsync();
        var advocate = await app.ClientAsAsync(Roles.Advocate);

        Assert.Equal(HttpStatusCode.Forbidden, (await advocate.GetAsync("/api/reports/quarterly/2026-Q3.pdf", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/reports/quarterly/2026-Q3.pdf", Ct)).StatusCode);
    }
}

public sealed class QuarterlyReportTestsOnSqlite(SqliteApp app) : QuarterlyReportTests(app), IClassFixture<SqliteApp>;

public sealed class QuarterlyReportTestsOnPostgres(PostgresApp app) : QuarterlyReportTests(app), IClassFixture<PostgresApp>;
