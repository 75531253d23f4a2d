using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Tests.Support;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using AdvocacySpecialty = DevRelHub.Advocacy.Contracts.Specialty;
using Specialty = DevRelHub.Hiring.Contracts.Specialty;

namespace DevRelHub.Hiring.Tests;

public abstract class HiringProcessTests(HiringApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task A_senior_candidate_goes_from_application_through_every_stage_to_an_offer_mailed_over_smtp_and_is_hired()
    {
        var team = await Team.StartAsync(app);
        var (candidate, application) = await team.ApplyAsync("Grace Hopper", OpeningLevel.SeniorDeveloperAdvocate);
        Assert.Equal(("Screening call", ApplicationStatus.Active, "decision"), (application.Application.Stage, application.Application.Status, application.WaitingFor));
        Assert.Equal(8, application.Checklist.Count);

        var checkedList = await team.Recruiter.PutAsJsonAsync($"/api/hiring/applications/{application.Application.Id}/checklist",
            new Dictionary<int, bool> { [1] = true, [2] = true, [3] = false }, Json, Ct);
        Assert.Equal(HttpStatusCode.OK, checkedList.StatusCode);
        Assert.Equal([true, true, false, null], (await Read<ApplicationDetails>(checkedList)).Checklist.Take(4).Select(item => item.Met));

        await team.DecideAsync(team.Recruiter, application, Decision.Advance);
        Assert.Equal("Hiring manager interview", (await team.GetAsync(application)).Application.Stage);
        await team.ScheduleAsync(application, [team.ManagerEmail]);
        await team.DecideAsync(team.Manager, application, Decision.Advance);

        var panel = await team.ScheduleAsync(application, team.PanelistEmails);
        Assert.Equal("scorecards", (await team.GetAsync(application)).WaitingFor);
        await team.ScoreAsync(team.Panelists[0], panel, Ratings.Yes);
        await team.ScoreAsync(team.Panelists[1], panel, Ratings.StrongYes);
        Assert.Equal("Panel presentation", (await team.GetAsync(application)).Application.Stage);
        await team.ScoreAsync(team.Panelists[2], panel, Ratings.Yes);
        Assert.Equal("Final interview", (await team.GetAsync(application)).Application.Stage);

        await team.DecideAsync(team.Manager, application, Decision.Advance);
        var offered = await team.GetAsync(application);
        Assert.Equal(("Offer", ApplicationStatus.Offered, "answer"), (offered.Application.Stage, offered.Application.Status, offered.WaitingFor));

        var offer = Assert.Single(await app.Smtp.MessagesToAsync(candidate.Email, subject: "Your offer"));
        Assert.Equal("Your offer: Senior Developer Advocate", offer.Subject);
        Assert.Contains("Dear Grace Hopper", offer.TextBody, StringComparison.Ordinal);
        Assert.Contains("delighted to offer you the position of Senior Developer Advocate", offer.TextBody, StringComparison.Ordinal);

        await team.DecideAsync(team.Recruiter, application, Decision.Advance);
        var hired = await team.GetAsync(application);
        Assert.Equal(ApplicationStatus.Hired, hired.Application.Status);
        Assert.Null(hired.WaitingFor);
        Assert.Equal(["applied", "checklist", "decision", "email", "interview", "scorecard", "stage"], hired.Timeline.Select(entry => entry.Kind).Distinct().Order());
        Assert.Equal(["Entered Screening call", "Entered Hiring manager interview", "Entered Panel presentation", "Entered Final interview", "Entered Offer"],
            hired.Timeline.Where(entry => entry.Kind == "stage").Select(entry => entry.Title));
        Assert.Equal(3, hired.Timeline.Count(entry => entry.Kind == "scorecard"));

        var joined = await app.SendAsync(new FindAdvocate(candidate.Email));
        var advocate = await app.SendAsync(new GetAdvocate(joined!.Id));
        Assert.Equal(("Grace Hopper", AdvocateLevel.SeniorDeveloperAdvocate, "Europe/Berlin", candidate.Id),
            (advocate!.DisplayName, advocate.Level, advocate.TimeZone, advocate.CandidateId));
        Assert.Equal([AdvocacySpecialty.Kubernetes, AdvocacySpecialty.CiCd], advocate.Specialties);
        Assert.Equal(candidate.Links, advocate.Accounts.Select(account => account.Url));
        Assert.Equal(12_000, Assert.Single(advocate.Followers).Followers);

        Assert.Equal(candidate.Email, Assert.Single(await app.SendAsync(new ListHires())).Email);
        Assert.Equal(0, await app.SendAsync(new SyncHiredAdvocates()));
        await using (var db = app.Services.GetRequiredService<IDbConnectionFactory>().Create())
        {
            await db.ExecuteAsync("DELETE FROM advocacy_follower_count; DELETE FROM advocacy_account; DELETE FROM advocacy_advocate;");
        }
        Assert.Equal(1, await app.SendAsync(new SyncHiredAdvocates()));
        Assert.Equal("Grace Hopper", (await app.SendAsync(new FindAdvocate(candidate.Email)))!.DisplayName);
    }

    [Theory]
    [InlineData(0, "Screening call")]
    [InlineData(1, "Hiring manager interview")]
    [InlineData(2, "Panel presentation")]
    [InlineData(3, "Final interview")]
    public async Task A_candidate_declined_at_a_stage_stops_there_with_the_reason_in_the_timeline_and_a_decline_mail(int advances, string stage)
    {
        var team = await Team.StartAsync(app);
        var (candidate, application) = await team.ApplyAsync("Linus Torvalds", OpeningLevel.SeniorDeveloperAdvocate);
        for (var i = 0; i < advances; i++)
        {
            await team.DecideAsync(team.Manager, application, Decision.Advance);
        }
        Assert.Equal(stage, (await team.GetAsync(application)).Application.Stage);

        var refused = await team.Manager.PostAsJsonAsync($"/api/hiring/applications/{application.Application.Id}/decisions", new { decision = "Decline" }, Json, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await team.DecideAsync(team.Manager, application, Decision.Decline, $"Not enough depth at the {stage}");

        var declined = await team.GetAsync(application);
        Assert.Equal((stage, ApplicationStatus.Declined, $"Not enough depth at the {stage}"),
            (declined.Application.Stage, declined.Application.Status, declined.DecisionReason));
        var decision = declined.Timeline.Last(entry => entry.Kind == "decision");
        Assert.Equal(($"{stage}: Decline", $"Not enough depth at the {stage}"), (decision.Title, decision.Detail));
        Assert.DoesNotContain(declined.Timeline, entry => entry.Title.StartsWith("Entered", StringComparison.Ordinal) && entry.At > decision.At);
        var mail = Assert.Single(await app.Smtp.MessagesToAsync(candidate.Email));
        Assert.Equal("Your application: Senior Developer Advocate", mail.Subject);
        Assert.Contains("will not take your application further", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict,
            (await team.Manager.PostAsJsonAsync($"/api/hiring/applications/{application.Application.Id}/decisions", new { decision = "Advance" }, Json, Ct)).StatusCode);
    }

    [Fact]
    public async Task Panelists_score_independently_and_the_panel_completes_only_with_the_third_scorecard()
    {
        var team = await Team.StartAsync(app);
        var (_, application) = await team.ApplyAsync("Margaret Hamilton", OpeningLevel.DeveloperAdvocate);
        await team.DecideAsync(team.Recruiter, application, Decision.Advance);
        await team.DecideAsync(team.Manager, application, Decision.Advance);
        var panel = await team.ScheduleAsync(application, team.PanelistEmails);
        var outsider = await app.ClientAsAsync(Roles.Panelist);
        var executive = await app.ClientAsAsync(Roles.Executive);

        var before = await team.ScorecardsAsync(team.Panelists[0], panel);
        Assert.Equal((0, 0), (before.Scorecards.Count, before.Hidden));
        Assert.Equal(13, before.Attributes.Count);
        await team.ScoreAsync(team.Panelists[1], panel, Ratings.Yes);
        var stillBlind = await team.ScorecardsAsync(team.Panelists[0], panel);
        Assert.Equal((0, 1), (stillBlind.Scorecards.Count, stillBlind.Hidden));
        Assert.Null(stillBlind.Result);
        Assert.Equal(1, (await team.ScorecardsAsync(team.Manager, panel)).Hidden);

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/hiring/interviews/{panel.Id}/scorecards", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/hiring/interviews/{panel.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"/api/hiring/interviews/{panel.Id}/scorecards",
            Team.Scorecard(before.Attributes, Ratings.Yes), Json, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await executive.GetAsync($"/api/hiring/interviews/{panel.Id}/scorecards", Ct)).StatusCode);
        Assert.Empty(await outsider.GetFromJsonAsync<List<InterviewDetails>>("/api/hiring/interviews", Json, Ct) ?? []);

        await team.ScoreAsync(team.Panelists[0], panel, Ratings.Yes);
        var afterOwn = await team.ScorecardsAsync(team.Panelists[0], panel);
        Assert.Equal((2, 0), (afterOwn.Scorecards.Count, afterOwn.Hidden));
        Assert.Equal(HttpStatusCode.Conflict, (await team.Panelists[0].PostAsJsonAsync($"/api/hiring/interviews/{panel.Id}/scorecards",
            Team.Scorecard(before.Attributes, Ratings.No), Json, Ct)).StatusCode);
        Assert.Equal("Panel presentation", (await team.GetAsync(application)).Application.Stage);

        await team.ScoreAsync(team.Panelists[2], panel, Ratings.StrongYes);
        Assert.Equal("Offer", (await team.GetAsync(application)).Application.Stage);
        var closed = await team.ScorecardsAsync(team.Manager, panel);
        Assert.Equal((3, 0), (closed.Scorecards.Count, closed.Hidden));
        Assert.Equal(3.33, closed.Result!.MeanRecommendation);
        Assert.False(closed.Result.Disagreement);
    }

    [Fact]
    public async Task A_panel_that_disagrees_waits_for_the_hiring_manager_and_a_low_panel_declines_on_its_own()
    {
        var team = await Team.StartAsync(app);
        var (_, split) = await team.ApplyAsync("Ada Lovelace", OpeningLevel.DeveloperAdvocate);
        var (_, weak) = await team.ApplyAsync("Charles Babbage", OpeningLevel.DeveloperAdvocate);
        foreach (var application in new[] { split, weak })
        {
            await team.DecideAsync(team.Recruiter, application, Decision.Advance);
            await team.DecideAsync(team.Manager, application, Decision.Advance);
        }
        var splitPanel = await team.ScheduleAsync(split, team.PanelistEmails);
        var weakPanel = await team.ScheduleAsync(weak, team.PanelistEmails);

        await Task.WhenAll(
            team.ScoreAsync(team.Panelists[0], splitPanel, Ratings.StrongNo),
            team.ScoreAsync(team.Panelists[1], splitPanel, Ratings.StrongYes),
            team.ScoreAsync(team.Panelists[2], splitPanel, Ratings.Yes));
        var waiting = await team.GetAsync(split);
        Assert.Equal(("Panel presentation", "decision"), (waiting.Application.Stage, waiting.WaitingFor));
        Assert.Contains(waiting.Timeline, entry => entry.Title == "Panel disagrees: a decision is needed");
        await team.DecideAsync(team.Manager, split, Decision.Advance);
        Assert.Equal("Offer", (await team.GetAsync(split)).Application.Stage);

        foreach (var panelist in team.Panelists)
        {
            await team.ScoreAsync(panelist, weakPanel, Ratings.No);
        }
        var declined = await team.GetAsync(weak);
        Assert.Equal(ApplicationStatus.Declined, declined.Application.Status);
        Assert.StartsWith("The panel's 3 scorecards, mean recommendation 2.00 (threshold 2.50)", declined.DecisionReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitations_reach_candidate_and_interviewers_with_an_ics_in_their_own_time_zone()
    {
        var team = await Team.StartAsync(app);
        var (candidate, application) = await team.ApplyAsync("Katherine Johnson", OpeningLevel.DeveloperAdvocate, "Asia/Tokyo");
        var startsAt = new DateTimeOffset(2027, 1, 12, 15, 0, 0, TimeSpan.Zero);
        var created = await team.Recruiter.PostAsJsonAsync("/api/hiring/interviews", new
        {
            applicationId = application.Application.Id,
            startsAt,
            durationMinutes = 30,
            location = "Video call",
            videoLink = "https://meet.example.com/screening",
            interviewers = new[] { new { email = team.RecruiterEmail, name = "Riley Chen", timeZone = "America/New_York" } },
        }, Json, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var toCandidate = Assert.Single(await app.Smtp.MessagesToAsync(candidate.Email));
        var toRecruiter = Assert.Single(await app.Smtp.MessagesToAsync(team.RecruiterEmail));
        Assert.Equal("Invitation: Screening call for Developer Advocate", toCandidate.Subject);
        Assert.Contains("Wednesday 13 January 2027, 00:00 (Asia/Tokyo)", toCandidate.TextBody, StringComparison.Ordinal);
        Assert.Contains("Tuesday 12 January 2027, 10:00 (America/New_York)", toRecruiter.TextBody, StringComparison.Ordinal);
        var ics = Ics(toRecruiter);
        Assert.Contains("METHOD:REQUEST", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=America/New_York:20270112T100000", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Asia/Tokyo:20270113T000000", Ics(toCandidate), StringComparison.Ordinal);

        var interview = await Read<InterviewDetails>(created);
        var moved = await team.Recruiter.PutAsJsonAsync($"/api/hiring/interviews/{interview.Id}", new { startsAt = startsAt.AddHours(2) }, Json, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var update = (await app.Smtp.MessagesToAsync(team.RecruiterEmail, 2))[1];
        Assert.Contains("SEQUENCE:1", Ics(update), StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=America/New_York:20270112T120000", Ics(update), StringComparison.Ordinal);
        var cancelled = await team.Recruiter.PostAsync($"/api/hiring/interviews/{interview.Id}/cancel", null, Ct);
        Assert.Equal(InterviewStatus.Cancelled, (await Read<InterviewDetails>(cancelled)).Status);
        Assert.Contains("METHOD:CANCEL", Ics((await app.Smtp.MessagesToAsync(candidate.Email, 3))[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasing_a_candidate_leaves_no_personal_field_in_any_table_and_the_funnel_still_counts_them()
    {
        var team = await Team.StartAsync(app);
        var (candidate, application) = await team.ApplyAsync("Zelda Quartermaine", OpeningLevel.DeveloperAdvocate, "Europe/Lisbon");
        await team.ScheduleAsync(application, [team.RecruiterEmail]);
        await team.DecideAsync(team.Recruiter, application, Decision.Advance, notes: "Zelda Quartermaine was great");
        await team.DecideAsync(team.Manager, application, Decision.Decline, "Zelda Quartermaine lacks Kubernetes depth");
        Assert.Single(await app.Smtp.MessagesToAsync(candidate.Email, subject: "Your application"));
        var now = DateTimeOffset.UtcNow;
        var funnelBefore = await app.SendAsync(new GetHiringFunnel(now.Year, (now.Month + 2) / 3));

        Assert.Equal(HttpStatusCode.NoContent, (await team.Recruiter.PostAsync($"/api/hiring/candidates/{candidate.Id}/erase", null, Ct)).StatusCode);

        var personal = new[] { "Zelda", "Quartermaine", candidate.Email, "+351 555 0100", "zelda-q.example.com", "Lisbon" };
        var found = await SearchEveryTextColumnAsync(personal);
        Assert.True(found.Count == 0, $"Personal data left in: {string.Join(", ", found)}");
        var funnelAfter = await app.SendAsync(new GetHiringFunnel(now.Year, (now.Month + 2) / 3));
        Assert.Equal(funnelBefore.Stages, funnelAfter.Stages);
        Assert.Equal([new StageFunnel("Screening call", 1, 1, 0, 0), new StageFunnel("Hiring manager interview", 1, 0, 1, 0)], funnelAfter.Stages);
        Assert.Equal(1, funnelAfter.Applications);
        Assert.Equal(HttpStatusCode.NotFound, (await team.Recruiter.GetAsync($"/api/hiring/candidates/{candidate.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_funnel_counts_entries_and_exits_per_stage_for_other_modules_and_executives_read_only_that()
    {
        var team = await Team.StartAsync(app);
        var (_, advanced) = await team.ApplyAsync("Barbara Liskov", OpeningLevel.DeveloperAdvocate);
        var (_, declined) = await team.ApplyAsync("Edsger Dijkstra", OpeningLevel.DeveloperAdvocate);
        var (_, withdrawn) = await team.ApplyAsync("Donald Knuth", OpeningLevel.DeveloperAdvocate);
        await team.DecideAsync(team.Recruiter, advanced, Decision.Advance);
        await team.DecideAsync(team.Recruiter, declined, Decision.Decline, "Relocation not possible");
        await team.DecideAsync(team.Recruiter, withdrawn, Decision.Withdraw, "Took another offer");
        Assert.Equal(ApplicationStatus.Withdrawn, (await team.GetAsync(withdrawn)).Application.Status);
        var now = DateTimeOffset.UtcNow;

        await using var scope = app.Services.CreateAsyncScope();
        var funnel = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetHiringFunnel(now.Year, (now.Month + 2) / 3), Ct);

        Assert.Equal(3, funnel.Applications);
        Assert.Equal([new StageFunnel("Screening call", 3, 1, 1, 1), new StageFunnel("Hiring manager interview", 1, 0, 0, 0)], funnel.Stages);
        var executive = await app.ClientAsAsync(Roles.Executive);
        Assert.Equal(HttpStatusCode.OK, (await executive.GetAsync($"/api/hiring/funnel?year={now.Year}&quarter={(now.Month + 2) / 3}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await executive.GetAsync("/api/hiring/applications", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await executive.GetAsync($"/api/hiring/applications/{advanced.Application.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await executive.GetAsync("/api/hiring/interviews", Ct)).StatusCode);
    }

    [Fact]
    public async Task Retention_erases_candidates_declined_long_enough_ago_and_keeps_active_ones()
    {
        var team = await Team.StartAsync(app);
        var (declinedCandidate, declined) = await team.ApplyAsync("Old Applicant", OpeningLevel.DeveloperAdvocate);
        var (activeCandidate, _) = await team.ApplyAsync("Current Applicant", OpeningLevel.DeveloperAdvocate);
        await team.DecideAsync(team.Recruiter, declined, Decision.Decline, "Not now");

        await using var scope = app.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        Assert.Equal(0, await sender.Send(new EraseDeclinedCandidates(1), Ct));
        Assert.Equal(1, await sender.Send(new EraseDeclinedCandidates(0), Ct));

        Assert.Equal(["Current Applicant"], (await app.SendAsync(new ListCandidates())).Items.Select(c => c.FullName));
        Assert.Equal(activeCandidate.Id, (await app.SendAsync(new GetCandidate(activeCandidate.Id))).Id);
        Assert.Empty(await SearchEveryTextColumnAsync([declinedCandidate.Email, "Old Applicant"]));
    }

    [Fact]
    public async Task The_seeded_process_is_published_and_an_admin_edits_the_offer_template()
    {
        var team = await Team.StartAsync(app);
        var admin = await app.ClientAsAsync(Roles.Admin);
        var saved = await admin.PutAsJsonAsync("/api/hiring/email-templates/offer",
            new { subject = "Welcome aboard, {{candidateName}}", body = "Hi {{candidateName}}, the {{openingTitle}} role is yours." }, Json, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/api/hiring/email-templates/nonsense", new { subject = "x", body = "y" }, Json, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await team.Recruiter.PutAsJsonAsync("/api/hiring/email-templates/offer", new { subject = "x", body = "y" }, Json, Ct)).StatusCode);

        var (candidate, application) = await team.ApplyAsync("Hedy Lamarr", OpeningLevel.DeveloperAdvocate);
        for (var i = 0; i < 2; i++)
        {
            await team.DecideAsync(team.Manager, application, Decision.Advance);
        }
        await team.DecideAsync(team.Manager, application, Decision.Advance, finalInterview: false);

        var offer = Assert.Single(await app.Smtp.MessagesToAsync(candidate.Email));
        Assert.Equal("Welcome aboard, Hedy Lamarr", offer.Subject);
        Assert.Equal("Hi Hedy Lamarr, the Developer Advocate role is yours.", offer.TextBody?.Trim());
        var definitions = await team.Recruiter.GetFromJsonAsync<List<JsonElement>>("/api/workflows/definitions", Json, Ct);
        Assert.Contains(definitions!, definition => definition.GetProperty("name").GetString() == "Developer Advocate hiring");
    }

    [Fact]
    public async Task The_board_has_a_column_per_stage_of_the_published_workflow_in_flow_order_and_filters_by_level()
    {
        var team = await Team.StartAsync(app);
        var (_, moved) = await team.ApplyAsync("Annie Easley", OpeningLevel.DeveloperAdvocate);
        await team.ApplyAsync("Mary Jackson", OpeningLevel.SeniorDeveloperAdvocate);
        await team.DecideAsync(team.Recruiter, moved, Decision.Advance);

        var board = await app.SendAsync(new GetPipelineBoard());
        var seniors = await app.SendAsync(new GetPipelineBoard(Level: OpeningLevel.SeniorDeveloperAdvocate));

        Assert.Equal(["Screening call", "Hiring manager interview", "Panel presentation", "Final interview", "Offer"], board.Columns.Select(column => column.Stage));
        Assert.Equal(["Mary Jackson"], board.Columns[0].Cards.Select(card => card.CandidateName));
        Assert.Equal(["Annie Easley"], board.Columns[1].Cards.Select(card => card.CandidateName));
        Assert.Equal((0, false), (board.Columns[1].Cards[0].DaysInStage, board.Columns[1].Cards[0].Overdue));
        Assert.Equal(["Mary Jackson"], seniors.Columns.SelectMany(column => column.Cards).Select(card => card.CandidateName));
        Assert.Equal(2, board.Openings.Count);
    }

    private async Task<List<string>> SearchEveryTextColumnAsync(IReadOnlyList<string> needles)
    {
        await using var connection = app.Services.GetRequiredService<IDbConnectionFactory>().Create();
        await connection.OpenAsync(Ct);
        var columns = app.Database.Provider == DatabaseProvider.Sqlite
            ? (await connection.QueryAsync<(string Table, string Column)>("""
                SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND (p.type LIKE '%TEXT%' OR p.type LIKE '%CHAR%')
                """)).ToList()
            : (await connection.QueryAsync<(string Table, string Column)>("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')
                """)).ToList();
        Assert.Contains(("hiring_candidate", "full_name"), columns);
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            foreach (var needle in needles)
            {
                var hits = await connection.ExecuteScalarAsync<long>(
                    $"SELECT COUNT(*) FROM \"{table}\" WHERE LOWER(\"{column}\") LIKE @Needle", new { Needle = $"%{needle.ToLowerInvariant()}%" });
                if (hits > 0)
                {
                    found.Add($"{table}.{column} ({needle})");
                }
            }
        }
        return found;
    }

    private static string Ics(MimeKit.MimeMessage message)
    {
        var part = Assert.Single(message.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("invite.ics", part.FileName);
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static async Task<T> Read<T>(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<T>(Json, Ct) ?? throw new InvalidOperationException("Empty body.");

    /// <summary>The people of one test: a recruiter, the hiring manager and three panelists, signed in.</summary>
    private sealed class Team
    {
        private readonly HiringApp app;

        private Team(HiringApp app) => this.app = app;

        public HttpClient Recruiter { get; private set; } = null!;
        public HttpClient Manager { get; private set; } = null!;
        public IReadOnlyList<HttpClient> Panelists { get; private set; } = [];
        public string RecruiterEmail { get; } = $"recruiter-{Guid.NewGuid():N}@devrelhub.test";
        public string ManagerEmail { get; } = $"manager-{Guid.NewGuid():N}@devrelhub.test";
        public IReadOnlyList<string> PanelistEmails { get; } = [.. Enumerable.Range(1, 3).Select(i => $"panelist{i}-{Guid.NewGuid():N}@devrelhub.test")];
        private readonly Dictionary<OpeningLevel, Guid> openings = [];

        public static async Task<Team> StartAsync(HiringApp app)
        {
            await app.StartAsync();
            var team = new Team(app);
            team.Recruiter = await app.ClientAsAsync(Roles.Recruiter, team.RecruiterEmail);
            team.Manager = await app.ClientAsAsync(Roles.HiringManager, team.ManagerEmail);
            team.Panelists = [.. await Task.WhenAll(team.PanelistEmails.Select(email => app.ClientAsAsync(Roles.Panelist, email)))];
            foreach (var level in Enum.GetValues<OpeningLevel>())
            {
                var title = level is OpeningLevel.DeveloperAdvocate ? "Developer Advocate" : "Senior Developer Advocate";
                var opening = await team.Recruiter.PostAsJsonAsync("/api/hiring/openings", new { title, level }, Json, Ct);
                Assert.Equal(HttpStatusCode.Created, opening.StatusCode);
                team.openings[level] = (await Read<OpeningSummary>(opening)).Id;
            }
            return team;
        }

        public async Task<(CandidateProfile Candidate, ApplicationDetails Application)> ApplyAsync(string name, OpeningLevel level, string zone = "Europe/Berlin")
        {
            var first = name.Split(' ')[0].ToLowerInvariant();
            var created = await Recruiter.PostAsJsonAsync("/api/hiring/candidates", new
            {
                fullName = name,
                email = $"{first}.{Guid.NewGuid():N}@example.com",
                timeZone = zone,
                phone = "+351 555 0100",
                links = new[] { $"https://{first}-q.example.com/talks" },
                followerCount = 12_000,
                yearsSpeaking = 3,
                largestAudience = 800,
                specialties = new[] { "Kubernetes", "CiCd" },
                openSourceRoles = new[] { "Litmus maintainer" },
            }, Json, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var candidate = await Recruiter.GetFromJsonAsync<CandidateProfile>($"/api/hiring/candidates/{(await Read<CandidateSummary>(created)).Id}", Json, Ct);
            Assert.Equal([Specialty.Kubernetes, Specialty.CiCd], candidate!.Specialties);
            Assert.Equal(12_000, candidate.FollowerCount);
            var applied = await Recruiter.PostAsJsonAsync("/api/hiring/applications", new { candidateId = candidate.Id, openingId = openings[level] }, Json, Ct);
            Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
            return (candidate, await Read<ApplicationDetails>(applied));
        }

        public async Task<ApplicationDetails> GetAsync(ApplicationDetails application) =>
            (await Recruiter.GetFromJsonAsync<ApplicationDetails>($"/api/hiring/applications/{application.Application.Id}", Json, Ct))!;

        public async Task DecideAsync(HttpClient who, ApplicationDetails application, Decision decision, string? reason = null, string? notes = null, bool? finalInterview = null)
        {
            var response = await who.PostAsJsonAsync($"/api/hiring/applications/{application.Application.Id}/decisions",
                new { decision, reason, notes, finalInterview }, Json, Ct);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        }

        public async Task<InterviewDetails> ScheduleAsync(ApplicationDetails application, IReadOnlyList<string> interviewers)
        {
            var response = await Recruiter.PostAsJsonAsync("/api/hiring/interviews", new
            {
                applicationId = application.Application.Id,
                startsAt = DateTimeOffset.UtcNow.AddDays(3),
                durationMinutes = 55,
                videoLink = "https://meet.example.com/panel",
                interviewers = interviewers.Select(email => new { email, name = email.Split('@')[0] }),
            }, Json, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
            return await Read<InterviewDetails>(response);
        }

        public async Task<ScorecardSheet> ScorecardsAsync(HttpClient who, InterviewDetails interview) =>
            (await who.GetFromJsonAsync<ScorecardSheet>($"/api/hiring/interviews/{interview.Id}/scorecards", Json, Ct))!;

        public async Task ScoreAsync(HttpClient panelist, InterviewDetails interview, int recommendation)
        {
            var sheet = await ScorecardsAsync(panelist, interview);
            var response = await panelist.PostAsJsonAsync($"/api/hiring/interviews/{interview.Id}/scorecards", Scorecard(sheet.Attributes, recommendation), Json, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        }

        public static object Scorecard(IReadOnlyList<string> attributes, int rating) => new
        {
            ratings = attributes.ToDictionary(attribute => attribute, _ => rating),
            recommendation = rating,
            notes = "Clear storytelling, solid demo.",
        };
    }
}

public sealed class HiringProcessTestsOnSqlite(HiringAppOnSqlite app) : HiringProcessTests(app), IClassFixture<HiringAppOnSqlite>;

public sealed class HiringProcessTestsOnPostgres(HiringAppOnPostgres app) : HiringProcessTests(app), IClassFixture<HiringAppOnPostgres>;
