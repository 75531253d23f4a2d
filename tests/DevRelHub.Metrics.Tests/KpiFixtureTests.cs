using System.Net;
using System.Net.Http.Json;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Testing;

namespace DevRelHub.Metrics.Tests;

/// <summary>
/// A small fixture whose every figure is worked out by hand in the comments: day-by-day numbers, a video's running
/// total of views (cumulative) with one value corrected by a re-send, a number sent twice unchanged, metrics that are
/// not eyeballs, and subjects that are not activities.
/// </summary>
public abstract class KpiFixtureTests(DevRelHubApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Fixture(AdvocateSummary Sam, AdvocateSummary Jo, Guid Talk, Guid Video, Guid Post, HttpClient Advocate);

    private async Task<Fixture> SeedAsync()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test", Specialties: [Specialty.Kubernetes, Specialty.MayaData]));
        var jo = await app.SendAsync(new CreateAdvocate("Jo Park", "jo@devrelhub.test", Specialties: [Specialty.CiCd]));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "OpenEBS deep dive", new DateOnly(2026, 7, 14), new TalkDetails("KubeCon", SessionType.Talk),
            Tags: ["storage", "kubernetes"]), Editor.System));
        var video = await app.SendAsync(new LogActivity(new ActivityInput(jo.Id, "Tekton in ten minutes", new DateOnly(2026, 6, 10), new VideoDetails("YouTube"), Tags: ["ci-cd"]),
            Editor.System));
        var post = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "Kubeflow pipelines", new DateOnly(2026, 8, 2), new BlogPostDetails("The team blog")), Editor.System));
        var contribution = await app.SendAsync(new RecordContribution(new ContributionInput("Priya", ContentKind.BlogPost, "OpenEBS on k3s", "https://dev.to/p", new DateOnly(2026, 8, 5)), "test"));
        var advocate = await app.ClientAsAsync(Roles.Advocate);

        await PostAsync(advocate,
            new { subjectId = talk.Id, metric = "Attendees", value = 400, observedOn = "2026-07-14", source = "Event organiser" },
            new { subjectId = talk.Id, metric = "Stars", value = 50, observedOn = "2026-08-01", source = "GitHub" },
            // The video's views so far, as YouTube reports them: 1,500 by the end of Q2, 4,200 by the end of Q3 (corrected to 4,600 below), 5,000 in Q4.
            Views(video.Id, "2026-06-20", 1_000), Views(video.Id, "2026-06-30", 1_500), Views(video.Id, "2026-07-15", 2_500),
            Views(video.Id, "2026-08-31", 4_000), Views(video.Id, "2026-09-30", 4_200), Views(video.Id, "2026-10-05", 5_000),
            new { subjectId = video.Id, metric = "UniqueViewers", value = 900, observedOn = "2026-08-31", source = "YouTube" },
            new { subjectId = post.Id, metric = "Reads", value = 3_000, observedOn = "2026-08-02", source = "Blog analytics", externalId = "post-1" },
            new { subjectId = post.Id, metric = "Reads", value = 999, observedOn = "2026-06-30", source = "Blog analytics", externalId = "post-1" },
            new { subjectId = post.Id, metric = "Reads", value = 777, observedOn = "2026-10-01", source = "Blog analytics", externalId = "post-1" });
        // Subjects that are not activities: their numbers are stored but are not awareness.
        await PostAsync(advocate,
            new { subjectId = contribution.Id, subjectKind = "Contribution", metric = "Views", value = 10_000, observedOn = "2026-08-10", source = "dev.to" },
            new { subjectId = sam.Id, subjectKind = "Account", metric = "Followers", value = 1_234, observedOn = "2026-08-10", source = "GitHub" });
        // Re-sent: the post's 3,000 unchanged, the video's 30 September total corrected from 4,200 to 4,600.
        var resent = await PostAsync(advocate,
            new { subjectId = post.Id, metric = "Reads", value = 3_000, observedOn = "2026-08-02", source = "Blog analytics", externalId = "post-1" },
            Views(video.Id, "2026-09-30", 4_600));
        Assert.Equal(new ObservationBatchResult(Received: 2, Inserted: 0, Updated: 1, Unchanged: 1), resent);
        return new Fixture(sam, jo, talk.Id, video.Id, post.Id, advocate);

        static object Views(Guid video, string on, long total) =>
            new { subjectId = video, metric = "Views", value = total, observedOn = on, source = "YouTube", externalId = "yt-42", cumulative = true };
    }

    private static async Task<ObservationBatchResult> PostAsync(HttpClient client, params object[] observations)
    {
        var response = await client.PostAsJsonAsync("/api/metrics/observations", observations, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ObservationBatchResult>(Ct))!;
    }

    [Fact]
    public async Task Awareness_counts_each_eyeball_metric_once_with_running_totals_as_their_growth_and_corrections_applied()
    {
        var f = await SeedAsync();

        var summary = await f.Advocate.GetFromJsonAsync<QuarterSummary>("/api/metrics/quarters/2026-Q3/summary", Ct);

        // Talk 400 attendees + video 4,600 − 1,500 = 3,100 views + post 3,000 reads.
        Assert.Equal(6_500, summary!.Awareness);
        // Q2: the video's 1,500 views by 30 June + the post's 999 reads; 2025-Q3: nothing. 4,001 / 2,499 = +160.1 %.
        Assert.Equal(new KpiDelta(PreviousQuarter: 2_499, YearBefore: 0, Current: 6_500), summary.AwarenessDelta);
        Assert.Equal(160.1, summary.AwarenessDelta.QuarterOverQuarterPercent);
        Assert.Equal(
            [new MetricTotal(MetricKind.Views, 3_100), new MetricTotal(MetricKind.UniqueViewers, 900), new MetricTotal(MetricKind.Attendees, 400),
             new MetricTotal(MetricKind.Reads, 3_000), new MetricTotal(MetricKind.Stars, 50)],
            summary.ByMetric);
        // July: 400 + (2,500 − 1,500); August: (4,000 − 2,500) + 3,000; September: 4,600 − 4,000.
        Assert.Equal([1_400L, 4_500L, 600L], summary.ByMonth.Select(month => month.Awareness));
        Assert.Equal([new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 1), new DateOnly(2026, 9, 1)], summary.ByMonth.Select(month => month.Month));
        Assert.Equal([(f.Video, 3_100L), (f.Post, 3_000L), (f.Talk, 400L)], summary.TopActivities.Select(a => (a.ActivityId, a.Awareness)));
        Assert.Equal(("Tekton in ten minutes", "Video", "Jo Park"), (summary.TopActivities[0].Title, summary.TopActivities[0].Kind, summary.TopActivities[0].AdvocateName));

        var q4 = await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 4)));
        // Q4: the video's 5,000 − 4,600 (the corrected value is the baseline) + the post's 777.
        Assert.Equal(400 + 777, q4.Awareness);
    }

    [Fact]
    public async Task A_correction_keeps_the_value_it_replaced()
    {
        var f = await SeedAsync();

        var history = await f.Advocate.GetFromJsonAsync<List<ObservationRecord>>($"/api/metrics/subjects/{f.Video}/observations", Ct);

        var corrected = Assert.Single(history!, o => o.Corrections.Count > 0);
        Assert.Equal((new DateOnly(2026, 9, 30), 4_600L), (corrected.ObservedOn, corrected.Value));
        var correction = Assert.Single(corrected.Corrections);
        Assert.Equal((4_200L, 4_600L), (correction.PreviousValue, correction.Value));
        Assert.StartsWith("advocate-", correction.Origin, StringComparison.Ordinal);
        Assert.Equal(7, history!.Count);
        var posts = await app.SendAsync(new GetObservationHistory(f.Post));
        Assert.Equal(3, posts.Count);
        Assert.All(posts, post => Assert.Empty(post.Corrections));
    }

    [Theory]
    [InlineData("advocate", "Sam Rivera:3400:999,Jo Park:3100:1500")]
    [InlineData("kind", "Video:3100:1500,BlogPost:3000:999,Talk:400:0")]
    [InlineData("channel", "YouTube:3100:1500,Blog analytics:3000:999,Event organiser:400:0")]
    [InlineData("tag", "ci-cd:3100:1500,Untagged:3000:999,kubernetes:400:0,storage:400:0")]
    [InlineData("specialty", "Kubernetes:3400:999,MayaData:3400:999,CiCd:3100:1500")]
    public async Task Breakdowns_split_the_quarter_with_the_quarter_before(string by, string expected)
    {
        await SeedAsync();
        var reader = await app.ClientAsAsync(Roles.Executive);

        var breakdown = await reader.GetFromJsonAsync<Breakdown>($"/api/metrics/quarters/2026-Q3/breakdown?by={by}", Ct);

        Assert.Equal(expected, string.Join(",", breakdown!.Rows.Select(row => $"{row.Label}:{row.Awareness}:{row.AwarenessDelta.PreviousQuarter}")));
    }

    [Fact]
    public async Task A_figure_drills_down_to_the_activities_behind_it()
    {
        var f = await SeedAsync();
        var reader = await app.ClientAsAsync(Roles.Executive);

        var storage = await reader.GetFromJsonAsync<List<ActivityAwareness>>("/api/metrics/quarters/2026-Q3/activities?by=tag&key=storage", Ct);
        var youTube = await reader.GetFromJsonAsync<List<ActivityAwareness>>("/api/metrics/quarters/2026-Q3/activities?by=channel&key=YouTube", Ct);
        var sam = await reader.GetFromJsonAsync<List<ActivityAwareness>>($"/api/metrics/quarters/2026-Q3/activities?by=advocate&key={f.Sam.Id}", Ct);
        var all = await reader.GetFromJsonAsync<List<ActivityAwareness>>("/api/metrics/quarters/2026-Q3/activities", Ct);
        var wrong = await reader.GetAsync("/api/metrics/quarters/2026-Q3/activities?by=planet", Ct);

        Assert.Equal([(f.Talk, 400L)], storage!.Select(a => (a.ActivityId, a.Awareness)));
        Assert.Equal([(f.Video, 3_100L)], youTube!.Select(a => (a.ActivityId, a.Awareness)));
        Assert.Equal([f.Post, f.Talk], sam!.Select(a => a.ActivityId));
        Assert.Equal(6_500, all!.Sum(a => a.Awareness));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("advocate|kind|channel|tag|specialty", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Targets_give_attainment_for_the_team_and_each_advocate()
    {
        var f = await SeedAsync();
        var executive = await app.ClientAsAsync(Roles.Executive);

        foreach (var target in new object[]
        {
            new { quarter = "2026-Q3", kpi = "Awareness", value = 10_000 },
            new { quarter = "2026-Q3", kpi = "Awareness", value = 8_000 },
            new { quarter = "2026-Q3", kpi = "Awareness", value = 4_000, advocateId = f.Sam.Id },
            new { quarter = "2026-Q4", kpi = "Involvement", value = 12 },
        })
        {
            Assert.Equal(HttpStatusCode.OK, (await executive.PutAsJsonAsync("/api/metrics/targets", target, Ct)).StatusCode);
        }
        var refused = await f.Advocate.PutAsJsonAsync("/api/metrics/targets", new { quarter = "2026-Q3", kpi = "Awareness", value = 1 }, Ct);
        var zero = await executive.PutAsJsonAsync("/api/metrics/targets", new { quarter = "2026-Q3", kpi = "Awareness", value = 0 }, Ct);

        var summary = await executive.GetFromJsonAsync<QuarterSummary>("/api/metrics/quarters/2026-Q3/summary", Ct);
        var byAdvocate = await executive.GetFromJsonAsync<Breakdown>("/api/metrics/quarters/2026-Q3/breakdown?by=advocate", Ct);
        var q3Targets = await executive.GetFromJsonAsync<List<TargetRecord>>("/api/metrics/targets?quarter=2026-Q3", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        // The second team target replaced the first: 6,500 of 8,000 is 81.3 %.
        Assert.Equal((8_000L, 6_500L, 81.3), (summary!.AwarenessTarget!.Target, summary.AwarenessTarget.Actual, summary.AwarenessTarget.Percent));
        Assert.Null(summary.InvolvementTarget);
        var samRow = Assert.Single(byAdvocate!.Rows, row => row.Key == f.Sam.Id.ToString());
        Assert.Equal((4_000L, 3_400L, 85.0), (samRow.AwarenessTarget!.Target, samRow.AwarenessTarget.Actual, samRow.AwarenessTarget.Percent));
        Assert.Null(Assert.Single(byAdvocate.Rows, row => row.Key == f.Jo.Id.ToString()).AwarenessTarget);
        Assert.Equal(2, q3Targets!.Count);

        Assert.Equal(HttpStatusCode.NoContent, (await executive.DeleteAsync("/api/metrics/targets/2026-Q3/Awareness", Ct)).StatusCode);
        Assert.Null((await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)))).AwarenessTarget);
    }

    [Fact]
    public async Task A_removed_activity_takes_its_numbers_with_it()
    {
        var f = await SeedAsync();

        await app.SendAsync(new DeleteActivity(f.Video, Editor.System));

        // 6,500 less the video's 3,100.
        Assert.Equal(3_400, (await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)))).Awareness);
        Assert.Empty(await app.SendAsync(new GetObservationHistory(f.Video)));
        Assert.Equal(3, (await app.SendAsync(new GetObservationHistory(f.Post))).Count);
    }

    [Fact]
    public async Task The_trend_gives_each_quarter_and_its_months()
    {
        await SeedAsync();

        var trend = await app.SendAsync(new GetTrend(new Quarter(2026, 4), Quarters: 3));

        Assert.Equal(["2026-Q2", "2026-Q3", "2026-Q4"], trend.Select(point => point.Quarter.ToString()));
        Assert.Equal([2_499L, 6_500L, 1_177L], trend.Select(point => point.Awareness));
        Assert.Equal(9, trend.Sum(point => point.ByMonth.Count));
        Assert.Equal(1, trend[1].Involvement.CommunityContributions);
    }

    [Fact]
    public async Task A_batch_that_repeats_a_key_names_two_metrics_by_one_external_id_or_holds_more_than_ten_thousand_is_refused_whole()
    {
        var f = await SeedAsync();
        var before = await app.SendAsync(new GetObservationHistory(f.Talk));

        var repeated = await f.Advocate.PostAsJsonAsync("/api/metrics/observations", new object[]
        {
            new { subjectId = f.Talk, metric = "Views", value = 1, observedOn = "2026-07-20", source = "YouTube", externalId = "t" },
            new { subjectId = f.Talk, metric = "Views", value = 2, observedOn = "2026-07-20", source = "YouTube", externalId = "t" },
        }, Ct);
        var tooMany = await f.Advocate.PostAsJsonAsync("/api/metrics/observations",
            Enumerable.Range(0, 10_001).Select(i => new { subjectId = f.Talk, metric = "Views", value = i, observedOn = "2026-07-20", externalId = $"n{i}" }), Ct);
        var future = await f.Advocate.PostAsJsonAsync("/api/metrics/observations",
            new[] { new { subjectId = f.Talk, metric = "Views", value = 1, observedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)).ToString("yyyy-MM-dd") } }, Ct);
        var missingMetric = await f.Advocate.PostAsJsonAsync("/api/metrics/observations", new[] { new { subjectId = f.Talk, value = 1, observedOn = "2026-07-20" } }, Ct);
        var twoMetrics = await f.Advocate.PostAsJsonAsync("/api/metrics/observations", new object[]
        {
            new { subjectId = f.Talk, metric = "Views", value = 1, observedOn = "2026-07-20", source = "YouTube", externalId = "t" },
            new { subjectId = f.Talk, metric = "Attendees", value = 2, observedOn = "2026-07-21", source = "YouTube", externalId = "t" },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, repeated.StatusCode);
        Assert.Contains("repeats observation 0", await repeated.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("at most 10,000", await tooMany.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("in the future", await future.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missingMetric.StatusCode);
        Assert.Contains("metric", await missingMetric.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twoMetrics.StatusCode);
        Assert.Contains($"Observation 0 counts Views of {f.Talk} under this source and external id", await twoMetrics.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before.Count, (await app.SendAsync(new GetObservationHistory(f.Talk))).Count);
    }
}

public sealed class KpiFixtureTestsOnSqlite(SqliteApp app) : KpiFixtureTests(app), IClassFixture<SqliteApp>;

public sealed class KpiFixtureTestsOnPostgres(PostgresApp app) : KpiFixtureTests(app), IClassFixture<PostgresApp>;

public sealed class KpiFixtureTestsOnSqlServer(SqlServerApp app) : KpiFixtureTests(app), IClassFixture<SqlServerApp>;
