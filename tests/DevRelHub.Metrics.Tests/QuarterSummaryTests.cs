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

        foreach (var (activity, metric, value, on) in new[]
        {
            (talk.Id, "Attendees", 400L, "2026-07-14"),
            (talk.Id, "Views", 1_200L, "2026-09-30"),
            (talk.Id, "Stars", 50L, "2026-08-01"),
            (post.Id, "Reads", 3_000L, "2026-08-02"),
            (post.Id, "Reads", 999L, "2026-06-30"),
            (post.Id, "Reads", 777L, "2026-10-01"),
        })
        {
            var response = await advocate.PostAsJsonAsync("/api/metrics/observations", new { activityId = activity, metric, value, observedOn = on }, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var summary = await advocate.GetFromJsonAsync<QuarterSummary>("/api/metrics/quarters/2026-Q3/summary", Ct);

        Assert.Equal(new Quarter(2026, 3), summary!.Quarter);
        Assert.Equal(400 + 1_200 + 3_000, summary.Awareness);
        Assert.Equal(1, summary.ActivitiesLogged);
        Assert.Equal(
            [new MetricTotal(MetricKind.Views, 1_200), new MetricTotal(MetricKind.Attendees, 400), new MetricTotal(MetricKind.Reads, 3_000), new MetricTotal(MetricKind.Stars, 50)],
            summary.ByMetric);
    }

    [Fact]
    public async Task An_empty_quarter_has_zero_awareness()
    {
        await app.StartAsync();

        var summary = await app.SendAsync(new GetQuarterSummary(new Quarter(2025, 1)));

        Assert.Equal((0L, 0L), (summary.Awareness, summary.ActivitiesLogged));
        Assert.Empty(summary.ByMetric);
    }

    [Fact]
    public async Task An_observation_of_an_unknown_activity_or_a_negative_value_is_refused_and_nothing_is_stored()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "A talk", new DateOnly(2026, 7, 14), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        var admin = await app.ClientAsAsync(Roles.Admin);

        var unknown = await admin.PostAsJsonAsync("/api/metrics/observations", new { activityId = Guid.NewGuid(), metric = "Views", value = 10, observedOn = "2026-07-20" }, Ct);
        var negative = await admin.PostAsJsonAsync("/api/metrics/observations", new { activityId = talk.Id, metric = "Views", value = -5, observedOn = "2026-07-20" }, Ct);
        var wrongType = await admin.PostAsync("/api/metrics/observations",
            new StringContent($$"""{ "activityId": "{{talk.Id}}", "metric": "Views", "value": "lots", "observedOn": "2026-07-20" }""", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("activityId", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("\"value\"", await negative.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
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
    }
}

public sealed class QuarterSummaryTestsOnSqlite(SqliteApp app) : QuarterSummaryTests(app), IClassFixture<SqliteApp>;

public sealed class QuarterSummaryTestsOnPostgres(PostgresApp app) : QuarterSummaryTests(app), IClassFixture<PostgresApp>;

public sealed class QuarterSummaryTestsOnSqlServer(SqlServerApp app) : QuarterSummaryTests(app), IClassFixture<SqlServerApp>;
