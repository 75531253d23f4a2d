using System.Net;
using System.Net.Http.Json;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Advocacy.Tests.Support;
using DevRelHub.Identity.Contracts;
using DevRelHub.Workflows.Instances;
using DevRelHub.Workflows.Runtime;

namespace DevRelHub.Advocacy.Tests;

/// <summary>Events and their CFPs with the reminder workflow, the calendar and its feed, travel, invitations and champions.</summary>
public abstract class ProgramTests(AdvocacyApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_draft_started_ten_days_before_the_cfp_closes_is_reminded_seven_days_and_one_day_before_and_a_submitted_one_no_more()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var closes = app.Clock.GetUtcNow().AddDays(10);
        var kubecon = await app.SendAsync(new CreateEvent(new EventInput("KubeCon EU", EventKind.Conference, new DateOnly(2027, 3, 23), new DateOnly(2027, 3, 26),
            "Amsterdam", CfpClosesAt: closes)));
        var client = await app.ClientAsAsync(Roles.Advocate, "sam@devrelhub.test");
        var draft = await ReadAsync<SubmissionRecord>(await client.PostAsJsonAsync("/api/advocacy/submissions",
            new { eventId = kubecon.Id, advocateId = sam.Id, title = "Chaos-testing stateful sets" }, Ct));
        var other = await app.SendAsync(new CreateSubmission(kubecon.Id, sam.Id, "Policy as code", null, Editor.System));
        Assert.NotNull(draft.ReminderInstanceId);
        Assert.Empty(await app.OutboxAsync());

        app.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        await Task.Delay(300, Ct);
        Assert.Empty(await app.OutboxAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var weekBefore = await WaitForMailAsync(2);
        Assert.All(weekBefore, mail => Assert.Equal(("sam@devrelhub.test", "The CFP of KubeCon EU closes in 7 days"), (mail.To, mail.Subject)));
        Assert.Contains(weekBefore, mail => mail.Body.Contains("\"Policy as code\" is not submitted yet", StringComparison.Ordinal));

        var samEditing = new Editor("sam@devrelhub.test", IsAdmin: false);
        var submitted = await app.SendAsync(new ChangeSubmission(other.Id, SubmissionStatus.Submitted, null, null, null, samEditing));
        Assert.Equal(SubmissionStatus.Submitted, submitted.Status);
        app.Clock.Advance(TimeSpan.FromDays(6));
        var all = await WaitForMailAsync(3);
        await Task.Delay(300, Ct);
        app.Clock.Advance(TimeSpan.FromDays(2));
        await Task.Delay(300, Ct);

        Assert.Equal(3, (await app.OutboxAsync()).Count);
        var last = all[^1];
        Assert.Equal("The CFP of KubeCon EU closes tomorrow", last.Subject);
        Assert.Contains("\"Chaos-testing stateful sets\"", last.Body, StringComparison.Ordinal);
        Assert.Equal(WorkflowStatus.Cancelled, (await app.SendAsync(new GetWorkflowInstance(other.ReminderInstanceId!.Value))).Instance.Status);
        Assert.Equal(WorkflowStatus.Finished, (await app.SendAsync(new GetWorkflowInstance(draft.ReminderInstanceId!.Value))).Instance.Status);
        await Assert.ThrowsAsync<DevRelHub.Data.ConflictException>(() => app.SendAsync(new ChangeSubmission(other.Id, SubmissionStatus.Draft, null, null, null, samEditing)));
    }

    [Fact]
    public async Task A_draft_three_days_before_the_close_gets_only_the_one_day_reminder_and_a_moved_close_moves_it()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var input = new EventInput("DevOpsDays", EventKind.Conference, new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 21), Online: true,
            CfpClosesAt: app.Clock.GetUtcNow().AddDays(3));
        var devopsdays = await app.SendAsync(new CreateEvent(input));
        await app.SendAsync(new CreateSubmission(devopsdays.Id, sam.Id, "Tekton at scale", null, Editor.System));

        await app.SendAsync(new UpdateEvent(devopsdays.Id, input with { CfpClosesAt = app.Clock.GetUtcNow().AddDays(5) }, "admin@devrelhub.test"));
        app.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        await Task.Delay(500, Ct);
        Assert.Empty(await app.OutboxAsync());
        app.Clock.Advance(TimeSpan.FromDays(2));

        var mail = Assert.Single(await WaitForMailAsync(1));
        Assert.Equal("The CFP of DevOpsDays closes tomorrow", mail.Subject);
    }

    [Fact]
    public async Task The_calendar_shows_deadlines_and_shows_and_the_personal_feed_works_until_revoked()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var jo = await app.SendAsync(new CreateAdvocate("Jo Park", "jo@devrelhub.test"));
        var kubecon = await app.SendAsync(new CreateEvent(new EventInput("KubeCon EU", EventKind.Conference, new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 10),
            "Amsterdam", CfpOpensOn: new DateOnly(2026, 10, 1), CfpClosesAt: new DateTimeOffset(2026, 11, 20, 23, 59, 0, TimeSpan.Zero), NotificationOn: new DateOnly(2026, 11, 30))));
        var meetup = await app.SendAsync(new CreateEvent(new EventInput("Cloud Native Lisbon", EventKind.Meetup, new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26), "Lisbon")));
        await app.SendAsync(new CreateSubmission(kubecon.Id, sam.Id, "Litmus in CI", null, Editor.System));
        await app.SendAsync(new CreateTrip(new TripInput(jo.Id, "Lisbon", new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 27), meetup.Id), Editor.System));

        var team = await app.SendAsync(new GetCalendar(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));
        var samOnly = await app.SendAsync(new GetCalendar(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), sam.Id));
        Assert.Equal([CalendarEntryKind.CfpCloses, CalendarEntryKind.Trip, CalendarEntryKind.Show, CalendarEntryKind.Notification], team.Select(entry => entry.Kind));
        Assert.Equal([CalendarEntryKind.CfpCloses, CalendarEntryKind.Notification], samOnly.Select(entry => entry.Kind));

        var client = await app.ClientAsAsync(Roles.Advocate, "sam@devrelhub.test");
        var feed = await ReadAsync<FeedAddress>(await client.PostAsync($"/api/advocacy/advocates/{sam.Id}/calendar-feed", null, Ct));
        var anonymous = app.AnonymousClient();
        var ics = await anonymous.GetStringAsync(feed.Path, Ct);
        Assert.Contains("SUMMARY:CFP closes: KubeCon EU", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20261120T235900Z", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("Lisbon", ics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/advocacy/advocates/{jo.Id}/calendar-feed", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/advocacy/advocates/{sam.Id}/calendar-feed", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(feed.Path, Ct)).StatusCode);
    }

    [Fact]
    public async Task Travel_counts_working_days_per_quarter_once_and_flags_an_advocate_over_forty_percent()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var jo = await app.SendAsync(new CreateAdvocate("Jo Park", "jo@devrelhub.test"));
        await app.SendAsync(new CreateTrip(new TripInput(sam.Id, "Chicago", new DateOnly(2026, 6, 29), new DateOnly(2026, 7, 10)), Editor.System));
        await app.SendAsync(new CreateTrip(new TripInput(sam.Id, "Chicago", new DateOnly(2026, 7, 8), new DateOnly(2026, 7, 10)), Editor.System));
        await app.SendAsync(new CreateTrip(new TripInput(jo.Id, "Tokyo", new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 31)), Editor.System));
        var reader = await app.ClientAsAsync(Roles.Executive);

        var budget = await reader.GetFromJsonAsync<TravelBudget>("/api/advocacy/travel/2026/q3", Ct);

        Assert.Equal(66, budget!.WorkingDays);
        var samTravel = budget.Advocates.Single(a => a.AdvocateId == sam.Id);
        var joTravel = budget.Advocates.Single(a => a.AdvocateId == jo.Id);
        Assert.Equal((8, false), (samTravel.TravelDays, samTravel.OverBudget));
        Assert.Equal((44, true), (joTravel.TravelDays, joTravel.OverBudget));
        Assert.Equal(Math.Round(44 / 66.0, 4), joTravel.Share);
    }

    [Fact]
    public async Task Invitations_and_community_contributions_are_recorded_and_champions_counted_per_quarter()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "OpenEBS deep dive", new DateOnly(2026, 7, 1), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        var client = await app.ClientAsAsync(Roles.Advocate, "sam@devrelhub.test");

        var invited = await client.PostAsJsonAsync("/api/advocacy/invitations", new InvitationInput(sam.Id, InvitationKind.Maintainer, "OpenEBS maintainers",
            "OpenEBS TOC", new DateOnly(2026, 8, 1), InvitationAnswer.Accepted, new DateOnly(2026, 8, 3)), Ct);
        var badAnswer = await client.PostAsJsonAsync("/api/advocacy/invitations", new InvitationInput(sam.Id, InvitationKind.Speak, "Meetup",
            "Organiser", new DateOnly(2026, 8, 1), InvitationAnswer.Pending, new DateOnly(2026, 8, 3)), Ct);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badAnswer.StatusCode);

        async Task ContributeAsync(string name, string? email, string title, DateOnly on, Guid? activity = null) =>
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/advocacy/contributions",
                new ContributionInput(name, ContentKind.BlogPost, title, "https://dev.to/" + Guid.NewGuid().ToString("N"), on, email, ActivityId: activity), Ct)).StatusCode);
        await ContributeAsync("Priya N", "priya@example.com", "Postgres on OpenEBS", new DateOnly(2026, 7, 20), talk.Id);
        await ContributeAsync("Priya Natarajan", "PRIYA@example.com", "Mayastor benchmarks", new DateOnly(2026, 10, 2));
        await ContributeAsync("Priya Natarajan", "priya@example.com", "Litmus experiments", new DateOnly(2026, 10, 9));
        await ContributeAsync("Lee Wong", null, "Helm chart tips", new DateOnly(2026, 9, 1));
        await ContributeAsync("lee wong", null, "CSI explained", new DateOnly(2026, 9, 2));

        var champions = await client.GetFromJsonAsync<List<ChampionActivity>>("/api/advocacy/champions", Ct);
        Assert.Equal([("Priya N", 3), ("Lee Wong", 2)], champions!.Select(c => (c.Champion.Name, c.Contributions)));
        Assert.Equal([new QuarterCount("2026-Q3", 1), new QuarterCount("2026-Q4", 2)], champions![0].PerQuarter);
        var contributions = await client.GetFromJsonAsync<List<ContributionRecord>>("/api/advocacy/contributions?from=2026-07-01&to=2026-07-31", Ct);
        Assert.Equal("OpenEBS deep dive", Assert.Single(contributions!).ActivityTitle);
        var invitation = Assert.Single(await app.SendAsync(new ListInvitations(sam.Id)));
        Assert.Equal((InvitationKind.Maintainer, InvitationAnswer.Accepted, "OpenEBS TOC"), (invitation.Kind, invitation.Answer, invitation.InvitedBy));
    }

    private async Task<IReadOnlyList<(string To, string Subject, string Body)>> WaitForMailAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var mail = await app.OutboxAsync();
            if (mail.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.Equal(count, mail.Count);
                return mail;
            }
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(Ct))!;
    }

    private sealed record FeedAddress(string Path);
}

public sealed class ProgramTestsOnSqlite(AdvocacyAppOnSqlite app) : ProgramTests(app), IClassFixture<AdvocacyAppOnSqlite>;

public sealed class ProgramTestsOnPostgres(AdvocacyAppOnPostgres app) : ProgramTests(app), IClassFixture<AdvocacyAppOnPostgres>;
