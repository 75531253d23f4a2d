using System.Net;
using System.Net.Http.Json;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Testing;

namespace DevRelHub.Metrics.Tests;

public abstract class QuarterSummaryTests(DevRelHubApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Awareness_is_the_sum_of_eyeball_metrics_observed_in_the_quarter()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "OpenEBS deep dive", new DateOnly(2026, 7, 14), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        var post = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "Kubeflow pipelines", new DateOnly(2026, 6, 20), new BlogPostDetails("The team blog")), Editor.System));
        var advocate = await app.ClientAsAsync(Roles.Advocate);

        var observations = new[]
        {
            (talk.Id, "Attendees", 400L, "2026-07-14"),
            (talk.Id, "Views", 1_200L, "2026-09-30"),
            (talk.Id, "Stars", 50L, "2026-08-01"),
            (post.Id, "Reads", 3_000L, "2026-08-02"),
            (post.Id, "Reads", 999L, "2026-06-30"),
            (post.Id, "Reads", 777L, "2026-10-01"),
            (post.Id, "Reads", 250L, "2025-08-10"),
            (post.Id, "Reads", 111L, "2026-03-31"),
        }.Select(o => new { subjectId = o.Item1, metric = o.Item2, value = o.Item3, observedOn = o.Item4 });
        var response = await advocate.PostAsJsonAsync("/api/metrics/observations", observations, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var summary = await advocate.GetFromJsonAsync<QuarterSummary>("/api/metrics/quarters/2026-Q3/summary", Ct);

        Assert.Equal(new Quarter(2026, 3), summary!.Quarter);
        Assert.Equal(400 + 1_200 + 3_000, summary.Awareness);
        Assert.Equal(new KpiDelta(PreviousQuarter: 999, YearBefore: 250, Current: 4_600), summary.AwarenessDelta);
        Assert.Equal((3_601L, 360.5, 4_350L, (double?)1_740.0),
            (summary.AwarenessDelta.QuarterOverQuarter, summary.AwarenessDelta.QuarterOverQuarterPercent, summary.AwarenessDelta.YearOverYear, summary.AwarenessDelta.YearOverYearPercent));
        Assert.Equal(1, summary.ActivitiesLogged);
        Assert.Equal(
            [new MetricTotal(MetricKind.Views, 1_200), new MetricTotal(MetricKind.Attendees, 400), new MetricTotal(MetricKind.Reads, 3_000), new MetricTotal(MetricKind.Stars, 50)],
            summary.ByMetric);
    }

    [Fact]
    public async Task Involvement_counts_community_contributions_and_invitations_in_the_quarter_and_follower_growth_is_per_advocate()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var jo = await app.SendAsync(new CreateAdvocate("Jo Park", "jo@devrelhub.test"));
        foreach (var on in new[] { new DateOnly(2026, 6, 30), new DateOnly(2026, 7, 20), new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 1) })
        {
            await app.SendAsync(new RecordContribution(new ContributionInput("Priya", ContentKind.BlogPost, $"Post {on}", "https://dev.to/p", on), "test"));
        }
        foreach (var on in new[] { new DateOnly(2026, 6, 30), new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 15), new DateOnly(2026, 9, 30) })
        {
            await app.SendAsync(new RecordInvitation(new InvitationInput(sam.Id, InvitationKind.Speak, $"Meetup {on}", "Organiser", on), Editor.System));
        }
        await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "Docs PR", new DateOnly(2026, 8, 1),
            new OpenSourceContributionDetails("Litmus", ContributionType.Docs, "https://github.com/litmuschaos/litmus/pull/1")), Editor.System));
        await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "A post", new DateOnly(2026, 8, 2), new BlogPostDetails("Blog")), Editor.System));
        await app.SendAsync(new RecordFollowers(sam.Id,
        [
            new FollowerCount("GitHub", new DateOnly(2026, 6, 1), 1_000), new FollowerCount("GitHub", new DateOnly(2026, 8, 1), 1_200),
            new FollowerCount("GitHub", new DateOnly(2026, 9, 30), 1_500), new FollowerCount("GitHub", new DateOnly(2026, 10, 5), 1_600),
            new FollowerCount("X", new DateOnly(2026, 7, 10), 200), new FollowerCount("X", new DateOnly(2026, 9, 1), 260),
        ], Editor.System));
        await app.SendAsync(new RecordFollowers(jo.Id, [new FollowerCount("LinkedIn", new DateOnly(2026, 5, 1), 300), new FollowerCount("GitHub", new DateOnly(2026, 10, 10), 5_000)], Editor.System));
        var reader = await app.ClientAsAsync(Roles.Executive);

        var summary = await reader.GetFromJsonAsync<QuarterSummary>("/api/metrics/quarters/2026-Q3/summary", Ct);

        Assert.Equal(new Involvement(CommunityContributions: 2, InvitationsReceived: 3, OpenSourceContributions: 1), summary!.Involvement);
        Assert.Equal(5, summary.Involvement.Total);
        Assert.Equal((2L, 3L, 150.0), (summary.InvolvementDelta.PreviousQuarter, summary.InvolvementDelta.QuarterOverQuarter, summary.InvolvementDelta.QuarterOverQuarterPercent));
        Assert.Equal([new FollowerGrowth(sam.Id, "Sam Rivera", 1_760, 560), new FollowerGrowth(jo.Id, "Jo Park", 300, 0)], summary.FollowerGrowth);
    }

    [Fact]
    public async Task An_empty_quarter_has_zero_awareness()
    {
        await app.StartAsync();

        var summary = await app.SendAsync(new GetQuarterSummary(new Quarter(2025, 1)));

        Assert.Equal((0L, 0L, 0L), (summary.Awareness, summary.ActivitiesLogged, summary.Involvement.Total));
        Assert.Empty(summary.ByMetric);
        Assert.Empty(summary.FollowerGrowth);
    }

    [Fact]
    public async Task An_observation_of_an_unknown_activity_or_a_negative_value_is_refused_and_nothing_is_stored()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "A talk", new DateOnly(2026, 7, 14), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        var admin = await app.ClientAsAsync(Roles.Admin);

        var unknown = await admin.PostAsJsonAsync("/api/metrics/observations",
            new object[] { new { subjectId = talk.Id, metric = "Views", value = 10, observedOn = "2026-07-20" }, new { subjectId = Guid.NewGuid(), metric = "Views", value = 10, observedOn = "2026-07-20" } }, Ct);
        var negative = await admin.PostAsJsonAsync("/api/metrics/observations", new[] { new { subjectId = talk.Id, metric = "Views", value = -5, observedOn = "2026-07-20" } }, Ct);
        var wrongType = await admin.PostAsync("/api/metrics/observations",
            new StringContent($$"""[{ "subjectId": "{{talk.Id}}", "metric": "Views", "value": "lots", "observedOn": "2026-07-20" }]""", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("observations[1].subjectId", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("observations[0].value", await negative.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Empty((await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)))).ByMetric);
    }

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("2026Q3")]
    [InlineData("Q3-2026")]
    public async Task A_quarter_that_is_not_written_yyyy_Qn_gets_a_400(string quarter)
    {
        await app.StartAsync();
        var reader = await app.ClientAsAsync(Roles.Executive);

        var response = await reader.GetAsync($"/api/metrics/quarters/{quarter}/summary", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("2026-Q3", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

public sealed class QuarterSummaryTestsOnSqlite(SqliteApp app) : QuarterSummaryTests(app), IClassFixture<SqliteApp>;

public sealed class QuarterSummaryTestsOnPostgres(PostgresApp app) : QuarterSummaryTests(app), IClassFixture<PostgresApp>;

public sealed class QuarterSummaryTestsOnSqlServer(SqlServerApp app) : QuarterSummaryTests(app), IClassFixture<SqlServerApp>;
