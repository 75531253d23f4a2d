using System.Globalization;
using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Testing;
using DevRelHub.Workflows.Instances;
using DevRelHub.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Benchmarks;

/// <summary>
/// Each query that grows with data, timed at growing table sizes on a real database. A query served by
/// its index stays nearly flat as rows grow tenfold; a scan grows with them.
/// </summary>
internal static class QueryScaling
{
    private const int Runs = 25;

    public static async Task RunAsync(Arguments args)
    {
        var sizes = args.Get("--sizes", "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var provider = args.Get("--provider", "sqlite");
        var results = new Dictionary<string, List<double>>();
        foreach (var size in sizes)
        {
            await using DevRelHubApp app = provider == "postgres" ? new PostgresApp() : new SqliteApp();
            await app.InitializeAsync();
            await app.StartAsync();
            await SeedAsync(app, size);
            var quarter = new Quarter(2026, 3);
            Measure(results, "ListCandidates first page", () => app.SendAsync(new ListCandidates()));
            Measure(results, "ListCandidates page 20", () => app.SendAsync(new ListCandidates(Page: 20)));
            Measure(results, "ListCandidates search", () => app.SendAsync(new ListCandidates(Search: "person 42")));
            Measure(results, "ListActivities quarter", () => app.SendAsync(new ListActivities(quarter.FirstDay, quarter.LastDay)));
            Measure(results, "CountActivities quarter", () => app.SendAsync(new CountActivities(quarter.FirstDay, quarter.LastDay)));
            Measure(results, "ListActivities kind quarter", () => app.SendAsync(new ListActivities(quarter.FirstDay, quarter.LastDay, Kind: DevRelHub.Advocacy.Contracts.ActivityKind.Talk)));
            Measure(results, "ListActivities tag", () => app.SendAsync(new ListActivities(Tag: "tag-7")));
            Measure(results, "ListTags", () => app.SendAsync(new ListTags()));
            Measure(results, "GetCalendar month", () => app.SendAsync(new GetCalendar(new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 31))));
            Measure(results, "ListCfpDeadlines", () => app.SendAsync(new ListCfpDeadlines(null)));
            Measure(results, "GetTravelBudget quarter", () => app.SendAsync(new GetTravelBudget(2026, 3)));
            Measure(results, "ListInvitations quarter", () => app.SendAsync(new ListInvitations(From: quarter.FirstDay, To: quarter.LastDay)));
            Measure(results, "ListContributions quarter", () => app.SendAsync(new ListContributions(From: quarter.FirstDay, To: quarter.LastDay)));
            Measure(results, "ListChampions", () => app.SendAsync(new ListChampions()));
            Measure(results, "GetQuarterSummary", () => app.SendAsync(new GetQuarterSummary(quarter)));
            Measure(results, "ListWorkflowInstances newest", () => app.SendAsync(new ListWorkflowInstances()));
            Measure(results, "ListWorkflowInstances status", () => app.SendAsync(new ListWorkflowInstances(Status: WorkflowStatus.Faulted)));
            Measure(results, "ListWorkflowInstances key", () => app.SendAsync(new ListWorkflowInstances(CorrelationKey: "application-42")));
            Measure(results, "ListApplications active", () => app.SendAsync(new ListApplications()));
            Measure(results, "GetHiringFunnel quarter", () => app.SendAsync(new GetHiringFunnel(2026, 3)));
            Measure(results, "ListInterviews panelist", () => app.SendAsync(new ListInterviews("panelist7@bench.test", [])));
            Measure(results, "ListInterviews upcoming", () => app.SendAsync(new ListInterviews("recruiter@bench.test", ["Recruiter"])));
        }

        Console.WriteLine($"\nMedian of {Runs} runs on {provider}, ms (ratio to the smallest size in brackets)\n");
        Console.WriteLine($"{"query",-28}" + string.Concat(sizes.Select(size => $"{size + " rows",22}")));
        foreach (var (query, medians) in results)
        {
            Console.WriteLine($"{query,-28}" + string.Concat(medians.Select(median => $"{median,12:0.000} ({median / medians[0],5:0.0}x)")));
        }
    }

    private static void Measure<T>(Dictionary<string, List<double>> into, string name, Func<Task<T>> query)
    {
        if (!into.TryGetValue(name, out var medians))
        {
            into[name] = medians = [];
        }
        medians.Add(Timing.Median(query, Runs));
    }

    // Rows go straight into the tables in one transaction: the harness measures reads, and a million
    // mediator round trips would only measure the seeding.
    private static async Task SeedAsync(DevRelHubApp app, int size)
    {
        var advocates = Enumerable.Range(0, 10).Select(i => new { Id = Guid.CreateVersion7(), Name = $"Advocate {i}", Email = $"advocate{i}@bench.test" }).ToArray();
        var start = new DateOnly(2025, 1, 1);
        var now = DateTimeOffset.UtcNow;
        var activities = Enumerable.Range(0, size).Select(i => new
        {
            Id = Guid.CreateVersion7(),
            AdvocateId = advocates[i % advocates.Length].Id,
            Kind = ((DevRelHub.Advocacy.Contracts.ActivityKind)(i % 14)).ToString(),
            Title = $"Activity {i}",
            OccurredOn = start.AddDays(i % 730),
            CreatedAt = now,
        }).ToArray();
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var db = await session.ConnectionAsync(CancellationToken.None);
        await session.InTransactionAsync(async token =>
        {
            await db.ExecuteAsync(session.Command("INSERT INTO advocacy_advocate (id, display_name, email, created_at) VALUES (@Id, @Name, @Email, @CreatedAt)",
                advocates.Select(a => new { a.Id, a.Name, a.Email, CreatedAt = now }), token));
            await db.ExecuteAsync(session.Command("INSERT INTO advocacy_activity (id, advocate_id, kind, title, occurred_on, url, created_at) VALUES (@Id, @AdvocateId, @Kind, @Title, @OccurredOn, NULL, @CreatedAt)",
                activities, token));
            await SeedAdvocacyAsync(session, db, size, advocates.Select(a => a.Id).ToArray(), activities.Select(a => a.Id).ToArray(), now, token);
            await db.ExecuteAsync(session.Command("INSERT INTO hiring_candidate (id, full_name, email, time_zone, created_at) VALUES (@Id, @FullName, @Email, NULL, @CreatedAt)",
                Enumerable.Range(0, size).Select(i => new { Id = Guid.CreateVersion7(), FullName = $"Person {i}", Email = $"person{i}@bench.test", CreatedAt = now }), token));
            var definition = Guid.CreateVersion7();
            await SeedHiringAsync(session, db, size, now, token);
            await db.ExecuteAsync(session.Command("INSERT INTO workflow_definition (id, name, version, is_published, created_at) VALUES (@Id, 'Hiring', 1, @True, @Now)",
                new { Id = definition, True = true, Now = now }, token));
            await db.ExecuteAsync(session.Command("""
                INSERT INTO workflow_instance (id, definition_id, definition_version, status, correlation_key, variables, open_bookmarks, journal_length, revision, created_at, updated_at)
                VALUES (@Id, @DefinitionId, 1, @Status, @CorrelationKey, '{}', 0, 0, 1, @CreatedAt, @CreatedAt)
                """,
                Enumerable.Range(0, size).Select(i => new
                {
                    Id = Guid.CreateVersion7(), DefinitionId = definition, Status = (i % 50 == 0 ? WorkflowStatus.Faulted : WorkflowStatus.Finished).ToString(),
                    CorrelationKey = $"application-{i}", CreatedAt = now.AddSeconds(-i),
                }), token));
            return 0;
        }, CancellationToken.None);
        foreach (var batch in activities.SelectMany((a, i) => new[] { MetricKind.Views, MetricKind.Attendees, MetricKind.Stars }
                     .Select(metric => new ObservationInput(a.Id, metric, i % 1000, Min(a.OccurredOn.AddDays(3), DateOnly.FromDateTime(now.UtcDateTime)), Source: "bench", ExternalId: $"{i}-{metric}")))
                     .Chunk(RecordObservations.MaxBatch))
        {
            await app.SendAsync(new RecordObservations(batch, "bench"));
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>
    /// A tag per activity (100 tags), an event per ten activities with its CFP, a trip per ten, an invitation per
    /// activity and a contribution per activity from a thousand champions, all over two years.
    /// </summary>
    private static async Task SeedAdvocacyAsync(DbSession session, System.Data.Common.DbConnection db, int size, Guid[] advocates, Guid[] activities, DateTimeOffset now, CancellationToken token)
    {
        var start = new DateOnly(2025, 1, 1);
        await db.ExecuteAsync(session.Command("INSERT INTO advocacy_activity_tag (activity_id, tag) VALUES (@ActivityId, @Tag)",
            activities.Select((id, i) => new { ActivityId = id, Tag = $"tag-{i % 100}" }), token));
        var events = Enumerable.Range(0, size / 10).Select(i => new
        {
            Id = Guid.CreateVersion7(), Name = $"Conference {i}", StartsOn = start.AddDays(i % 730), EndsOn = start.AddDays(i % 730 + 2),
            CfpClosesAt = new DateTimeOffset(start.AddDays(i % 730 - 60).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Now = now,
        }).ToArray();
        await db.ExecuteAsync(session.Command("""
            INSERT INTO advocacy_event (id, name, kind, starts_on, ends_on, city, online, cfp_closes_at, created_at)
            VALUES (@Id, @Name, 'Conference', @StartsOn, @EndsOn, 'Berlin', @Online, @CfpClosesAt, @Now)
            """, events.Select(e => new { e.Id, e.Name, e.StartsOn, e.EndsOn, Online = false, e.CfpClosesAt, e.Now }), token));
        await db.ExecuteAsync(session.Command("""
            INSERT INTO advocacy_trip (id, advocate_id, event_id, destination, departs_on, returns_on, created_at)
            VALUES (@Id, @AdvocateId, @EventId, 'Berlin', @DepartsOn, @ReturnsOn, @Now)
            """, events.Select((e, i) => new { Id = Guid.CreateVersion7(), AdvocateId = advocates[i % advocates.Length], EventId = e.Id, DepartsOn = e.StartsOn.AddDays(-1), ReturnsOn = e.EndsOn, Now = now }), token));
        await db.ExecuteAsync(session.Command("""
            INSERT INTO advocacy_invitation (id, advocate_id, kind, effort, invited_by, invited_on, answer, created_at)
            VALUES (@Id, @AdvocateId, 'Speak', 'A meetup', 'An organiser', @InvitedOn, 'Pending', @Now)
            """, Enumerable.Range(0, size).Select(i => new { Id = Guid.CreateVersion7(), AdvocateId = advocates[i % advocates.Length], InvitedOn = start.AddDays(i % 730), Now = now }), token));
        var champions = Enumerable.Range(0, 1_000).Select(i => new { Id = Guid.CreateVersion7(), Name = $"Champion {i}", Now = now }).ToArray();
        await db.ExecuteAsync(session.Command("INSERT INTO advocacy_champion (id, name, created_at) VALUES (@Id, @Name, @Now)", champions, token));
        await db.ExecuteAsync(session.Command("""
            INSERT INTO advocacy_contribution (id, champion_id, kind, title, url, contributed_on, recorded_by, created_at)
            VALUES (@Id, @ChampionId, 'BlogPost', @Title, 'https://example.com/post', @ContributedOn, 'bench', @Now)
            """, Enumerable.Range(0, size).Select(i => new { Id = Guid.CreateVersion7(), ChampionId = champions[i % champions.Length].Id, Title = $"Post {i}", ContributedOn = start.AddDays(i % 730), Now = now }), token));
    }

    /// <summary>One application per candidate, one in ten still open, each with two stage visits and two timeline rows spread over two years.</summary>
    private static async Task SeedHiringAsync(DbSession session, System.Data.Common.DbConnection db, int size, DateTimeOffset now, CancellationToken token)
    {
        var opening = Guid.CreateVersion7();
        await db.ExecuteAsync(session.Command("INSERT INTO hiring_opening (id, title, level, is_open, created_at) VALUES (@Id, 'Developer Advocate', 'DeveloperAdvocate', @True, @Now)",
            new { Id = opening, True = true, Now = now }, token));
        var candidates = (await db.QueryAsync<Guid>(session.Command("SELECT id FROM hiring_candidate", null, token))).ToArray();
        var applications = candidates.Select((candidate, i) => new
        {
            Id = Guid.CreateVersion7(), CandidateId = candidate, OpeningId = opening, InstanceId = Guid.CreateVersion7(),
            Open = i % 10 == 0, EnteredAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i % 17_520),
        }).ToArray();
        await db.ExecuteAsync(session.Command("""
            INSERT INTO hiring_application (id, candidate_id, opening_id, instance_id, stage, stage_node_id, stage_entered_at, status, created_at, closed_at)
            VALUES (@Id, @CandidateId, @OpeningId, @InstanceId, 'Hiring manager interview', @NodeId, @EnteredAt, @Status, @EnteredAt, @ClosedAt)
            """, applications.Select(a => new
            {
                a.Id, a.CandidateId, a.OpeningId, a.InstanceId, a.EnteredAt, NodeId = a.Open ? "manager" : null,
                Status = a.Open ? "Active" : "Declined", ClosedAt = a.Open ? (DateTimeOffset?)null : a.EnteredAt.AddDays(5),
            }), token));
        await db.ExecuteAsync(session.Command("""
            INSERT INTO hiring_stage_visit (id, application_id, stage, node_id, activity_type, entered_at, left_at, outcome)
            VALUES (@Id, @ApplicationId, @Stage, @NodeId, @ActivityType, @EnteredAt, @LeftAt, @Outcome)
            """, applications.SelectMany(a => new[]
            {
                new { Id = Guid.CreateVersion7(), ApplicationId = a.Id, Stage = "Screening call", NodeId = "screening", ActivityType = "ScreeningCall",
                    EnteredAt = a.EnteredAt.AddDays(-3), LeftAt = (DateTimeOffset?)a.EnteredAt, Outcome = (string?)"Advance" },
                new { Id = Guid.CreateVersion7(), ApplicationId = a.Id, Stage = "Hiring manager interview", NodeId = "manager", ActivityType = "HiringManagerInterview",
                    a.EnteredAt, LeftAt = a.Open ? null : (DateTimeOffset?)a.EnteredAt.AddDays(5), Outcome = a.Open ? null : (string?)"Decline" },
            }), token));
        var interviews = applications.Select((a, i) => new
        {
            Id = Guid.CreateVersion7(), ApplicationId = a.Id, StartsAt = now.AddHours(i - applications.Length / 2), Panelist = $"panelist{i % 500}@bench.test",
        }).ToArray();
        await db.ExecuteAsync(session.Command("""
            INSERT INTO hiring_interview (id, application_id, stage, stage_node_id, starts_at, duration_minutes, status, sequence, created_at)
            VALUES (@Id, @ApplicationId, 'Panel presentation', 'panel', @StartsAt, 55, 'Scheduled', 0, @StartsAt)
            """, interviews, token));
        await db.ExecuteAsync(session.Command("INSERT INTO hiring_interviewer (interview_id, email, display_name) VALUES (@Id, @Panelist, @Panelist)", interviews, token));
        await db.ExecuteAsync(session.Command("""
            INSERT INTO hiring_timeline (id, application_id, at, kind, title, detail, actor) VALUES (@Id, @ApplicationId, @At, 'stage', @Title, NULL, NULL)
            """, applications.SelectMany(a => new[]
            {
                new { Id = Guid.CreateVersion7(), ApplicationId = a.Id, At = a.EnteredAt.AddDays(-3), Title = "Entered Screening call" },
                new { Id = Guid.CreateVersion7(), ApplicationId = a.Id, At = a.EnteredAt, Title = "Entered Hiring manager interview" },
            }), token));
    }
}
