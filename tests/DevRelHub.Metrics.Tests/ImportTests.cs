using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Testing;

namespace DevRelHub.Metrics.Tests;

public abstract class ImportTests(DevRelHubApp app)
{
    private const string Header = "subject_id,metric,value,observed_on,source,external_id,cumulative";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Guid Talk, Guid Post)> ActivitiesAsync()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "A talk", new DateOnly(2026, 7, 14), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        var post = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "A post", new DateOnly(2026, 7, 1), new BlogPostDetails("Blog")), Editor.System));
        return (talk.Id, post.Id);
    }

    private Task<ObservationImportResult> ImportAsync(string csv, Encoding? encoding = null) =>
        app.SendAsync(new ImportObservations("metrics.csv", new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(csv)), "test"));

    [Fact]
    public async Task A_file_is_stored_once_however_often_it_is_imported_and_a_changed_line_is_a_correction()
    {
        var (talk, post) = await ActivitiesAsync();
        // More series than a write passes as arrays (StatementBatch.MaxRowsAsParameters): their months' increments are staged.
        var lines = Enumerable.Range(0, 1_500).Select(i => $"{(i % 2 == 0 ? talk : post)},{(i % 2 == 0 ? "Views" : "Reads")},{i},2026-07-{1 + i % 28:D2},Web,page-{i},no");
        var csv = string.Join("\n", [Header, .. lines]);
        var advocate = await app.ClientAsAsync(Roles.Advocate);

        using var form = new MultipartFormDataContent { { new StringContent(csv, Encoding.UTF8, "text/csv"), "file", "july.csv" } };
        var first = await (await advocate.PostAsync("/api/metrics/imports", form, Ct)).Content.ReadFromJsonAsync<ObservationImportResult>(Ct);
        var again = await (await advocate.PostAsync("/api/metrics/imports", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct)).Content.ReadFromJsonAsync<ObservationImportResult>(Ct);
        var corrected = await ImportAsync($"{Header}\n{talk},Views,100000,2026-07-01,Web,page-0,no");

        Assert.Equal((1_500, 1_500, 0, 0), (first!.Lines, first.Inserted, first.Updated, first.Unchanged));
        Assert.Equal((1_500, 0, 0, 1_500), (again!.Lines, again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal((1, 0, 1, 0), (corrected.Lines, corrected.Inserted, corrected.Updated, corrected.Unchanged));
        var summary = await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)));
        Assert.Equal(Enumerable.Range(1, 1_499).Sum() + 100_000L, summary.Awareness);
        Assert.Equal(1_500, (await app.SendAsync(new GetObservationHistory(talk))).Count + (await app.SendAsync(new GetObservationHistory(post))).Count);
    }

    [Fact]
    public async Task Running_totals_in_a_file_count_their_growth()
    {
        var (talk, _) = await ActivitiesAsync();

        var result = await ImportAsync($"""
            subject_id,metric,value,observed_on,cumulative,source
            {talk},Views,100,2026-06-30,yes,YouTube
            {talk},Views,250,2026-07-31,yes,YouTube
            {talk},Views,300,2026-09-30,yes,YouTube
            """);

        Assert.True(result.Succeeded);
        Assert.Equal(200, (await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)))).Awareness);
        Assert.Equal(100, (await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 2)))).Awareness);
    }

    public static TheoryData<string, string, int, string?, string> Malformed => new()
    {
        { "wrong column count", "{talk},Views,10,2026-07-01,Web,a,no\n{talk},Views,10,2026-07-02,Web", 3, null, "The line has 5 fields; the header has 7." },
        { "non-numeric value", "{talk},Views,ten,2026-07-01,Web,a,no", 2, "value", "'ten' is not a whole number of zero or more." },
        { "negative value", "{talk},Views,-4,2026-07-01,Web,a,no", 2, "value", "'-4' is not a whole number of zero or more." },
        { "unknown metric", "{talk},Views,1,2026-07-01,Web,a,no\n{talk},Claps,10,2026-07-01,Web,b,no", 3, "metric", "'Claps' is not a metric: Views, UniqueViewers, Attendees, Reads, Listens, Impressions, Downloads, Stars, Followers." },
        { "future date", "{talk},Views,10,2999-01-01,Web,a,no", 2, "observed_on", "2999-01-01 is in the future" },
        { "bad date", "{talk},Views,10,01/07/2026,Web,a,no", 2, "observed_on", "'01/07/2026' is not a date written as 2026-07-14." },
        { "unknown subject", "00000000-0000-0000-0000-000000000001,Views,10,2026-07-01,Web,a,no", 2, "subject_id", "There is no activity 00000000-0000-0000-0000-000000000001." },
        { "not an id", "talk-1,Views,10,2026-07-01,Web,a,no", 2, "subject_id", "'talk-1' is not an id" },
        { "repeated key", "{talk},Views,10,2026-07-01,Web,a,no\n{talk},Views,11,2026-07-01,Web,a,no", 3, null, "The line repeats line 2" },
        { "not yes or no", "{talk},Views,10,2026-07-01,Web,a,maybe", 2, "cumulative", "'maybe' is not yes or no." },
        { "external id of two metrics", "{talk},Views,10,2026-07-01,Web,a,no\n{talk},Reads,11,2026-07-02,Web,a,no", 3, "external_id", "Line 2 counts Views of {talk} under this source and external id" },
        { "impossible date", "{talk},Views,10,2026-02-30,Web,a,no", 2, "observed_on", "'2026-02-30' is not a date written as 2026-07-14." },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_bad_line_is_named_with_its_reason_and_the_file_stores_nothing(string problem, string body, int line, string? column, string reason)
    {
        var (talk, _) = await ActivitiesAsync();
        var good = $"{talk},Reads,5,2026-07-03,Web,good,no";

        var result = await ImportAsync($"{Header}\n{body.Replace("{talk}", talk.ToString(), StringComparison.Ordinal)}\n{good}");

        var error = Assert.Single(result.Errors);
        Assert.True((line, column) == (error.Line, error.Column), $"{problem}: {error}");
        Assert.StartsWith(reason.Replace("{talk}", talk.ToString(), StringComparison.Ordinal), error.Reason, StringComparison.Ordinal);
        Assert.Empty(await app.SendAsync(new GetObservationHistory(talk)));
    }

    [Fact]
    public async Task An_external_id_that_already_counts_another_metric_is_refused_by_line_and_the_file_stores_nothing()
    {
        var (talk, post) = await ActivitiesAsync();
        Assert.True((await ImportAsync($"{Header}\n{talk},Views,10,2026-07-01,Web,page-1,no")).Succeeded);

        var result = await ImportAsync($"{Header}\n{post},Reads,5,2026-07-02,Web,page-2,no\n{post},Reads,7,2026-07-02,Web,page-1,no");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "external_id"), (error.Line, error.Column));
        Assert.StartsWith($"The stored series counts Views of {talk}", error.Reason, StringComparison.Ordinal);
        Assert.Empty(await app.SendAsync(new GetObservationHistory(post)));
        Assert.Equal(10, (await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)))).Awareness);
    }

    [Fact]
    public async Task An_empty_file_a_header_alone_a_wrong_header_and_a_file_that_is_not_UTF8_are_refused_precisely()
    {
        var (talk, _) = await ActivitiesAsync();
        var advocate = await app.ClientAsAsync(Roles.Advocate);

        var empty = await ImportAsync("");
        var headerOnly = await ImportAsync(Header + "\n");
        var wrongHeader = await ImportAsync($"subject,metric,value,observed_on\n{talk},Views,1,2026-07-01");
        var latin1 = Encoding.Latin1.GetBytes($"{Header}\n{talk},Views,1,2026-07-01,Web,a,no\n{talk},Views,1,2026-07-02,Café,b,no\n");
        var response = await advocate.PostAsync("/api/metrics/imports", new ByteArrayContent(latin1) { Headers = { { "Content-Type", "text/csv" } } }, Ct);

        Assert.StartsWith("The file is empty", Assert.Single(empty.Errors).Reason, StringComparison.Ordinal);
        Assert.Equal(new LineError(1, null, "The file has a header but no observations."), Assert.Single(headerOnly.Errors));
        Assert.Equal(["subject", "subject_id"], wrongHeader.Errors.Select(error => error.Column));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var error = problem.RootElement.GetProperty("errors")[0];
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Contains("is not UTF-8", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await app.SendAsync(new GetObservationHistory(talk)));
    }
}

public sealed class ImportTestsOnSqlite(SqliteApp app) : ImportTests(app), IClassFixture<SqliteApp>;

public sealed class ImportTestsOnPostgres(PostgresApp app) : ImportTests(app), IClassFixture<PostgresApp>;

public sealed class ImportTestsOnSqlServer(SqlServerApp app) : ImportTests(app), IClassFixture<SqlServerApp>;
