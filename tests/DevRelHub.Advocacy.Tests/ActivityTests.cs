using System.Net;
using System.Net.Http.Json;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
using DevRelHub.Testing;

namespace DevRelHub.Advocacy.Tests;

public abstract class ActivityTests(DevRelHubApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_advocate_logs_activities_and_the_list_shows_them_newest_first()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var advocate = await app.ClientAsAsync(Roles.Advocate);

        var talk = await advocate.PostAsJsonAsync("/api/advocacy/activities",
            new { advocateId = sam.Id, kind = "Talk", title = "OpenEBS at KubeCon", occurredOn = "2026-08-10", url = "https://example.com/talk" }, Ct);
        var post = await advocate.PostAsJsonAsync("/api/advocacy/activities",
            new { advocateId = sam.Id, kind = "BlogPost", title = "Litmus in CI", occurredOn = "2026-09-01" }, Ct);

        Assert.Equal(HttpStatusCode.Created, talk.StatusCode);
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var page = await advocate.GetFromJsonAsync<ActivityPage>("/api/advocacy/activities", Ct);
        Assert.Equal(["Litmus in CI", "OpenEBS at KubeCon"], page!.Items.Select(a => a.Title));
        var first = page.Items[1];
        Assert.Equal((ActivityKind.Talk, new DateOnly(2026, 8, 10), "Sam Rivera", "https://example.com/talk"), (first.Kind, first.OccurredOn, first.AdvocateName, first.Url));
        var fetched = await advocate.GetFromJsonAsync<ActivitySummary>($"/api/advocacy/activities/{first.Id}", Ct);
        Assert.Equal(first, fetched);
    }

    [Fact]
    public async Task Activities_filter_by_dates_and_advocate()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var jo = await app.SendAsync(new CreateAdvocate("Jo Park", "jo@devrelhub.test"));
        await app.SendAsync(new LogActivity(sam.Id, ActivityKind.Webinar, "June webinar", new DateOnly(2026, 6, 30), null));
        await app.SendAsync(new LogActivity(sam.Id, ActivityKind.Podcast, "July podcast", new DateOnly(2026, 7, 1), null));
        await app.SendAsync(new LogActivity(jo.Id, ActivityKind.Video, "September video", new DateOnly(2026, 9, 30), null));
        var reader = await app.ClientAsAsync(Roles.Executive);

        var q3 = await reader.GetFromJsonAsync<ActivityPage>("/api/advocacy/activities?from=2026-07-01&to=2026-09-30", Ct);
        var samsQ3 = await reader.GetFromJsonAsync<ActivityPage>($"/api/advocacy/activities?from=2026-07-01&to=2026-09-30&advocateId={sam.Id}", Ct);

        Assert.Equal(["September video", "July podcast"], q3!.Items.Select(a => a.Title));
        Assert.Equal(["July podcast"], samsQ3!.Items.Select(a => a.Title));
        Assert.Equal(2, await app.SendAsync(new CountActivities(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30))));
    }

    [Fact]
    public async Task An_activity_for_an_unknown_advocate_or_with_bad_fields_is_refused_and_nothing_is_stored()
    {
        await app.StartAsync();
        var admin = await app.ClientAsAsync(Roles.Admin);

        var unknown = await admin.PostAsJsonAsync("/api/advocacy/activities",
            new { advocateId = Guid.NewGuid(), kind = "Talk", title = "Ghost talk", occurredOn = "2026-08-10" }, Ct);
        var badFields = await admin.PostAsJsonAsync("/api/advocacy/activities",
            new { advocateId = Guid.NewGuid(), kind = "Talk", title = "", occurredOn = "2026-08-10", url = "javascript:alert(1)" }, Ct);
        var badKind = await admin.PostAsJsonAsync("/api/advocacy/activities",
            new { advocateId = Guid.NewGuid(), kind = "Juggling", title = "x", occurredOn = "2026-08-10" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("advocateId", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badFields.StatusCode);
        var body = await badFields.Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"title\"", body, StringComparison.Ordinal);
        Assert.Contains("\"url\"", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal(0, (await app.SendAsync(new ListActivities())).Total);
    }

    [Fact]
    public async Task Panelists_cannot_log_activities_and_anonymous_callers_cannot_read_them()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var panelist = await app.ClientAsAsync(Roles.Panelist);

        var logged = await panelist.PostAsJsonAsync("/api/advocacy/activities",
            new { advocateId = sam.Id, kind = "Talk", title = "Not mine", occurredOn = "2026-08-10" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, logged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/advocacy/activities", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await panelist.GetAsync($"/api/advocacy/activities/{Guid.NewGuid()}", Ct)).StatusCode);
    }
}

public sealed class ActivityTestsOnSqlite(SqliteApp app) : ActivityTests(app), IClassFixture<SqliteApp>;

public sealed class ActivityTestsOnPostgres(PostgresApp app) : ActivityTests(app), IClassFixture<PostgresApp>;

public sealed class ActivityTestsOnSqlServer(SqlServerApp app) : ActivityTests(app), IClassFixture<SqlServerApp>;
