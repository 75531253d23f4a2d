using System.Net;
using System.Net.Http.Json;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Advocacy.Tests.Support;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Advocacy.Tests;

public abstract class ActivityTests(AdvocacyApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One activity of every kind, every field of the kind filled.</summary>
    private static readonly ActivityDetails[] EveryKind =
    [
        new TalkDetails("KubeCon EU", SessionType.Keynote, 1_200, "https://slides.example.com/k", "https://youtu.be/k", null),
        new MeetupDetails("Cloud Native Lisbon", "Lisbon", Online: false, Attendees: 60),
        new WebinarDetails("CNCF", 540, 210, "https://cncf.io/webinars/1"),
        new WorkshopDetails("Acme Bank", "Frankfurt", 18),
        new PodcastDetails("Kubernetes Podcast", PodcastRole.Guest, "Episode 212"),
        new VideoDetails("DevRel Hub channel", 14),
        new BlogPostDetails("The team blog"),
        new ContributedArticleDetails("The New Stack"),
        new MediaInterviewDetails("Forbes", InterviewFormat.Phone, "A. Writer"),
        new OpenSourceContributionDetails("Litmus", ContributionType.Review, "https://github.com/litmuschaos/litmus/pull/4242"),
        new CommunityRoleDetails("Kubernetes SIG Storage", CommunityRoleType.SigLead, new DateOnly(2027, 6, 30)),
        new SampleCodeDetails("https://github.com/example/openebs-client", "Go"),
        new DemoDetails("OpenEBS Mayastor", 45),
        new ProductFeedbackDetails(FeedbackTeam.Engineering, FeedbackStatus.Acknowledged, "Three users at KubeCon"),
    ];

    [Fact]
    public async Task Every_kind_round_trips_through_the_api_with_its_own_fields_tags_and_co_authors()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var jo = await app.SendAsync(new CreateAdvocate("Jo Park", "jo@devrelhub.test"));
        var advocate = await app.ClientAsAsync(Roles.Advocate, "sam@devrelhub.test");
        Assert.Equal(Enum.GetValues<ActivityKind>(), EveryKind.Select(details => details.Kind));

        foreach (var (details, i) in EveryKind.Select((details, i) => (details, i)))
        {
            var input = new ActivityInput(sam.Id, $"{details.Kind} #{i}", new DateOnly(2026, 8, 1).AddDays(i), details, "https://example.com/" + i,
                ["Kubernetes", " storage "], [jo.Id]);
            var created = await advocate.PostAsJsonAsync("/api/advocacy/activities", input, Ct);
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
            var fetched = await advocate.GetFromJsonAsync<ActivityRecord>(created.Headers.Location, Ct);

            Assert.Equal(details, fetched!.Details);
            Assert.Equal((details.Kind, input.Title, input.OccurredOn, input.Url, "Sam Rivera"), (fetched.Kind, fetched.Title, fetched.OccurredOn, fetched.Url, fetched.AdvocateName));
            Assert.Equal(["kubernetes", "storage"], fetched.Tags);
            Assert.Equal("Jo Park", Assert.Single(fetched.CoAuthors).DisplayName);
        }
        var page = await advocate.GetFromJsonAsync<ActivityPage>("/api/advocacy/activities?pageSize=100", Ct);
        Assert.Equal(EveryKind.Length, page!.Total);
    }

    [Fact]
    public async Task The_kind_may_come_anywhere_in_the_details_and_an_edit_can_change_the_kind()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var admin = await app.ClientAsAsync(Roles.Admin);

        var created = await admin.PostAsJsonAsync("/api/advocacy/activities", new
        {
            advocateId = sam.Id, title = "OpenEBS at KubeCon", occurredOn = "2026-08-10",
            details = new { @event = "KubeCon NA", sessionType = "Lightning", kind = "Talk" },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var talk = await created.Content.ReadFromJsonAsync<ActivityRecord>(Ct);
        Assert.Equal(new TalkDetails("KubeCon NA", SessionType.Lightning), talk!.Details);

        var edited = await admin.PutAsJsonAsync($"/api/advocacy/activities/{talk.Id}",
            new ActivityInput(sam.Id, "OpenEBS at KubeCon, the article", new DateOnly(2026, 8, 12), new ContributedArticleDetails("Forbes"), Tags: ["storage"]), Ct);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var article = await app.SendAsync(new GetActivity(talk.Id));
        Assert.Equal((ActivityKind.ContributedArticle, "OpenEBS at KubeCon, the article"), (article!.Kind, article.Title));
        Assert.Equal(new ContributedArticleDetails("Forbes"), article.Details);
        Assert.Equal(["storage"], article.Tags);
        Assert.NotNull(article.UpdatedAt);
    }

    [Fact]
    public async Task Lists_filter_by_quarter_advocate_kind_and_tag_and_a_bad_quarter_says_the_format()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var jo = await app.SendAsync(new CreateAdvocate("Jo Park", "jo@devrelhub.test"));
        await LogAsync(sam.Id, "June webinar", new DateOnly(2026, 6, 30), new WebinarDetails("CNCF"), "ml");
        await LogAsync(sam.Id, "July podcast", new DateOnly(2026, 7, 1), new PodcastDetails("Ship It", PodcastRole.Host), "ml");
        await LogAsync(jo.Id, "September video", new DateOnly(2026, 9, 30), new VideoDetails("YouTube"), "storage");
        var reader = await app.ClientAsAsync(Roles.Executive);

        async Task<string[]> TitlesAsync(string query) =>
            [.. (await reader.GetFromJsonAsync<ActivityPage>("/api/advocacy/activities?" + query, Ct))!.Items.Select(a => a.Title)];

        Assert.Equal(["September video", "July podcast"], await TitlesAsync("quarter=2026-Q3"));
        Assert.Equal(["July podcast"], await TitlesAsync($"quarter=2026-Q3&advocateId={sam.Id}"));
        Assert.Equal(["September video"], await TitlesAsync("kind=Video"));
        Assert.Equal(["July podcast", "June webinar"], await TitlesAsync("tag=ML"));
        Assert.Equal(2, await app.SendAsync(new CountActivities(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30))));
        var bad = await reader.GetAsync("/api/advocacy/activities?quarter=2026Q3", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("2026-Q3", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_fields_are_named_in_the_answer_and_nothing_is_stored()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var admin = await app.ClientAsAsync(Roles.Admin);

        var unknown = await admin.PostAsJsonAsync("/api/advocacy/activities",
            new ActivityInput(Guid.NewGuid(), "Ghost talk", new DateOnly(2026, 8, 10), new TalkDetails("KubeCon", SessionType.Talk)), Ct);
        var badFields = await admin.PostAsJsonAsync("/api/advocacy/activities",
            new ActivityInput(sam.Id, "", new DateOnly(2026, 8, 10), new TalkDetails("", SessionType.Talk, -5, "javascript:alert(1)"), "ftp://x"), Ct);
        var badKind = await admin.PostAsJsonAsync("/api/advocacy/activities",
            new { advocateId = sam.Id, title = "x", occurredOn = "2026-08-10", details = new { kind = "Juggling" } }, Ct);
        var noDetails = await admin.PostAsJsonAsync("/api/advocacy/activities", new { advocateId = sam.Id, title = "x", occurredOn = "2026-08-10" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("activity.advocateId", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badFields.StatusCode);
        var errors = (await badFields.Content.ReadFromJsonAsync<Problem>(Ct))!.Errors.Keys;
        Assert.Equal(["activity.details.audienceSize", "activity.details.event", "activity.details.slidesUrl", "activity.title", "activity.url"], errors.Order());
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noDetails.StatusCode);
        Assert.Equal(0, (await app.SendAsync(new ListActivities())).Total);
    }

    [Fact]
    public async Task Advocates_change_only_their_own_records_admin_changes_all_and_anonymous_callers_read_nothing()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var jo = await app.SendAsync(new CreateAdvocate("Jo Park", "jo@devrelhub.test"));
        var josTalk = await LogAsync(jo.Id, "Jo's talk", new DateOnly(2026, 8, 1), new TalkDetails("DevOpsDays", SessionType.Talk));
        var samClient = await app.ClientAsAsync(Roles.Advocate, "sam@devrelhub.test");
        var admin = await app.ClientAsAsync(Roles.Admin);
        var panelist = await app.ClientAsAsync(Roles.Panelist);
        var forJo = new ActivityInput(jo.Id, "Logged by Sam", new DateOnly(2026, 8, 2), new BlogPostDetails("Blog"));

        Assert.Equal(HttpStatusCode.Forbidden, (await samClient.PostAsJsonAsync("/api/advocacy/activities", forJo, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await samClient.PutAsJsonAsync($"/api/advocacy/activities/{josTalk.Id}", forJo, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await samClient.DeleteAsync($"/api/advocacy/activities/{josTalk.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await panelist.PostAsJsonAsync("/api/advocacy/activities", forJo, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await samClient.PostAsJsonAsync("/api/advocacy/activities", forJo with { AdvocateId = sam.Id }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/advocacy/activities/{josTalk.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await panelist.GetAsync($"/api/advocacy/activities/{josTalk.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/advocacy/activities", Ct)).StatusCode);
        Assert.Equal(["Logged by Sam"], (await app.SendAsync(new ListActivities())).Items.Select(a => a.Title));
    }

    [Fact]
    public async Task Logging_changing_and_removing_an_activity_each_tell_the_other_modules()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var heard = new List<INotification>();
        var changes = app.Services.GetRequiredService<AdvocacyChanges>();
        void Hear(INotification change) => heard.Add(change);
        changes.Changed += Hear;
        try
        {
            var talk = await LogAsync(sam.Id, "A talk", new DateOnly(2026, 8, 1), new TalkDetails("KubeCon", SessionType.Talk));
            await app.SendAsync(new UpdateActivity(talk.Id, new ActivityInput(sam.Id, "A keynote", new DateOnly(2026, 8, 1), new TalkDetails("KubeCon", SessionType.Keynote)), Editor.System));
            await app.SendAsync(new DeleteActivity(talk.Id, Editor.System));

            Assert.Equal([typeof(ActivityLogged), typeof(ActivityChanged), typeof(ActivityRemoved)], heard.Select(change => change.GetType()));
            Assert.Equal("A keynote", ((ActivityChanged)heard[1]).Activity.Title);
        }
        finally
        {
            changes.Changed -= Hear;
        }
    }

    [Fact]
    public async Task Profiles_keep_specialties_accounts_and_a_dated_follower_series()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test", AdvocateLevel.DeveloperAdvocate, "America/Chicago", [Specialty.Kubernetes]));
        var client = await app.ClientAsAsync(Roles.Advocate, "sam@devrelhub.test");

        var updated = await client.PutAsJsonAsync($"/api/advocacy/advocates/{sam.Id}", new
        {
            displayName = "Sam Rivera", level = "SeniorDeveloperAdvocate", timeZone = "Europe/Lisbon", specialties = new[] { "MayaData", "CiCd" },
            accounts = new[] { new SocialAccount("GitHub", "samr", "https://github.com/samr"), new SocialAccount("X", "samr") },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        await client.PostAsJsonAsync($"/api/advocacy/advocates/{sam.Id}/followers",
            new[] { new FollowerCount("GitHub", new DateOnly(2026, 7, 1), 1_000), new FollowerCount("GitHub", new DateOnly(2026, 10, 1), 1_400) }, Ct);
        await client.PostAsJsonAsync($"/api/advocacy/advocates/{sam.Id}/followers", new[] { new FollowerCount("GitHub", new DateOnly(2026, 10, 1), 1_450) }, Ct);
        var badZone = await client.PutAsJsonAsync($"/api/advocacy/advocates/{sam.Id}", new { displayName = "Sam", level = "DeveloperAdvocate", timeZone = "Mars/Olympus" }, Ct);

        var profile = await client.GetFromJsonAsync<AdvocateProfile>($"/api/advocacy/advocates/{sam.Id}", Ct);
        Assert.Equal((AdvocateLevel.SeniorDeveloperAdvocate, "Europe/Lisbon"), (profile!.Level, profile.TimeZone));
        Assert.Equal([Specialty.CiCd, Specialty.MayaData], profile.Specialties);
        Assert.Equal(["GitHub", "X"], profile.Accounts.Select(account => account.Network));
        Assert.Equal([1_000L, 1_450L], profile.Followers.Select(count => count.Followers));
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
    }

    [Fact]
    public async Task Hearing_the_same_hire_twice_adds_the_advocate_once()
    {
        await app.StartAsync();
        var hire = new DevRelHub.Hiring.Contracts.CandidateHired(Guid.NewGuid(), Guid.NewGuid(), "Ada Lovelace", "Ada@Example.com", "Europe/London",
            DevRelHub.Hiring.Contracts.OpeningLevel.DeveloperAdvocate, [DevRelHub.Hiring.Contracts.Specialty.MachineLearning],
            ["https://github.com/ada", "https://www.linkedin.com/in/ada-l/"], 900, AdvocacyApp.Start);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(hire, Ct);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(hire, Ct);
        }

        var advocate = Assert.Single(await app.SendAsync(new ListAdvocates()));
        var profile = await app.SendAsync(new GetAdvocate(advocate.Id));
        Assert.Equal(("Ada Lovelace", "ada@example.com", hire.CandidateId), (profile!.DisplayName, profile.Email, profile.CandidateId));
        Assert.Equal([("GitHub", "ada"), ("LinkedIn", "ada-l")], profile.Accounts.Select(account => (account.Network, account.Handle)));
        Assert.Equal([Specialty.MachineLearning], profile.Specialties);
    }

    private Task<ActivityRecord> LogAsync(Guid advocate, string title, DateOnly on, ActivityDetails details, params string[] tags) =>
        app.SendAsync(new LogActivity(new ActivityInput(advocate, title, on, details, Tags: tags), Editor.System));

    private sealed record Problem(Dictionary<string, string[]> Errors);
}

public sealed class ActivityTestsOnSqlite(AdvocacyAppOnSqlite app) : ActivityTests(app), IClassFixture<AdvocacyAppOnSqlite>;

public sealed class ActivityTestsOnPostgres(AdvocacyAppOnPostgres app) : ActivityTests(app), IClassFixture<AdvocacyAppOnPostgres>;
