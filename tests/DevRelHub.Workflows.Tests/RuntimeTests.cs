using System.Text.Json.Nodes;
using Dapper;
using DevRelHub.Data;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Definitions;
using DevRelHub.Workflows.Runtime;
using DevRelHub.Workflows.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;
using static DevRelHub.Workflows.Tests.Support.Flows;

namespace DevRelHub.Workflows.Tests;

public abstract class RuntimeTests(EngineApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Stimulus Recruiter(string? outcome = null, JsonObject? variables = null) => new("rita@devrelhub.test", ["Recruiter"], outcome, variables);

    private static JsonObject Candidate(string level = "Senior") => new() { ["name"] = "Ada", ["email"] = "ada@example.com", ["level"] = level };

    [Fact]
    public async Task A_candidate_passes_screening_and_the_offer_goes_to_the_outbox_with_every_step_journalled()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Hiring", HiringFlow());

        var started = await app.Runtime.StartAsync(definition, null, "application-17", Candidate(), "rita@devrelhub.test", Ct);
        var screening = Assert.Single(started.Bookmarks);
        var resumed = await app.Runtime.ResumeAsync(screening.Id, Recruiter("pass", new JsonObject { ["score"] = 4 }), Ct);

        Assert.Equal((WorkflowStatus.Suspended, "screen", "Recruiter"), (started.Status, screening.NodeId, (string?)screening.Data!["assigneeRole"]));
        Assert.Equal(app.Clock.GetUtcNow().AddDays(7).ToString("O"), (string?)screening.Data!["dueBy"]);
        Assert.Equal(WorkflowStatus.Finished, resumed.Status);
        var instance = await InstanceAsync(app, started.InstanceId);
        Assert.Equal(
            ["Started", "Entered start", "Completed start:Done", "Entered screen", "Suspended screen", "Resumed screen", "Completed screen:Pass",
             "Entered strong", "Completed strong:True", "Entered offer", "Completed offer:Done", "Entered end", "Completed end", "Finished"],
            instance.Events());
        Assert.Equal("rita@devrelhub.test", instance.Journal.Entries.Single(e => e.Event == JournalEvent.Resumed).Actor);
        Assert.Equal(4, (int)instance.Variables["score"]!);
        Assert.Empty(instance.Bookmarks);
        var mail = Assert.Single(await OutboxAsync());
        Assert.Equal(("ada@example.com", "Your offer, Ada", "Dear Ada, welcome aboard."), mail);
    }

    [Fact]
    public async Task A_choice_the_step_does_not_offer_or_a_person_outside_its_role_changes_nothing()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Hiring", HiringFlow());
        var started = await app.Runtime.StartAsync(definition, null, null, Candidate(), "test", Ct);
        var bookmark = started.Bookmarks[0].Id;

        var wrongOutcome = await Assert.ThrowsAsync<StimulusRefusedException>(() => app.Runtime.ResumeAsync(bookmark, Recruiter("Maybe"), Ct));
        var wrongRole = await Assert.ThrowsAsync<StimulusRefusedException>(() =>
            app.Runtime.ResumeAsync(bookmark, new Stimulus("eve@devrelhub.test", ["Advocate"], "Pass"), Ct));
        var admin = await app.Runtime.ResumeAsync(bookmark, new Stimulus("root@devrelhub.test", ["Admin"], "Decline"), Ct);

        Assert.Contains("Choose one of: Pass, Decline", wrongOutcome.Message, StringComparison.Ordinal);
        Assert.True(wrongRole.Forbidden);
        Assert.Equal(WorkflowStatus.Finished, admin.Status);
        Assert.Equal(("ada@example.com", "Your application", "Dear Ada, thank you."), Assert.Single(await OutboxAsync()));
    }

    [Fact]
    public async Task A_resume_at_a_node_takes_the_bookmark_waiting_there_and_answers_null_where_none_waits()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Hiring", HiringFlow());
        var started = await app.Runtime.StartAsync(definition, null, null, Candidate(), "test", Ct);
        var screening = Assert.Single(started.Bookmarks);

        var otherType = await app.Runtime.ResumeAtAsync(started.InstanceId, screening.NodeId, "Delay", Recruiter("Decline"), Ct);
        var resumed = await app.Runtime.ResumeAtAsync(started.InstanceId, screening.NodeId, screening.ActivityType, Recruiter("Decline"), Ct);
        var again = await app.Runtime.ResumeAtAsync(started.InstanceId, screening.NodeId, screening.ActivityType, Recruiter("Pass"), Ct);

        Assert.Null(otherType);
        Assert.Equal(WorkflowStatus.Finished, resumed!.Status);
        Assert.Null(again);
        Assert.Equal(("ada@example.com", "Your application", "Dear Ada, thank you."), Assert.Single(await OutboxAsync()));
        Assert.Single((await InstanceAsync(app, started.InstanceId)).Journal.Entries, e => e.Event == JournalEvent.Resumed);
    }

    [Fact]
    public async Task A_second_resume_of_the_same_bookmark_is_refused_and_changes_nothing()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Hiring", HiringFlow());
        var started = await app.Runtime.StartAsync(definition, null, null, Candidate(), "test", Ct);
        await app.Runtime.ResumeAsync(started.Bookmarks[0].Id, Recruiter("Decline"), Ct);

        var again = await Assert.ThrowsAsync<ConflictException>(() => app.Runtime.ResumeAsync(started.Bookmarks[0].Id, Recruiter("Pass"), Ct));

        Assert.Contains("already resumed", again.Message, StringComparison.Ordinal);
        Assert.Single(await OutboxAsync());
        Assert.Single((await InstanceAsync(app, started.InstanceId)).Journal.Entries, e => e.Event == JournalEvent.Resumed);
    }

    [Fact]
    public async Task A_module_activity_is_one_short_class_that_suspends_and_resumes()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Screening", new WorkflowGraph(
            [Node("start", "Start"), Node("call", "PhoneScreen"), Node("yes", "End"), Node("no", "End")],
            [Link("start", "Done", "call"), Link("call", "Pass", "yes"), Link("call", "Decline", "no")]));

        var started = await app.Runtime.StartAsync(definition, null, null, null, "test", Ct);
        var done = await app.Runtime.ResumeAsync(started.Bookmarks[0].Id, Recruiter("Decline"), Ct);

        Assert.Equal("PhoneScreen", started.Bookmarks[0].ActivityType);
        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Contains("Completed call:Decline", (await InstanceAsync(app, started.InstanceId)).Events());
    }

    [Theory]
    [InlineData("all", new[] { "a", "b", "c" }, 3)]
    [InlineData("any", new[] { "a" }, 1)]
    [InlineData("2", new[] { "b", "c" }, 2)]
    public async Task A_join_goes_on_when_all_any_or_N_of_the_forked_paths_arrive(string mode, string[] answered, int joinedAfter)
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Panel " + mode, new WorkflowGraph(
            [
                Node("start", "Start"), Node("fork", "Fork"),
                .. new[] { "a", "b", "c" }.Select(id => Node(id, "HumanTask", ("AssigneeRole", "Panelist"), ("Choices", "Scored"))),
                Node("join", "Join", ("Mode", mode)), Node("after", "SetVariable", ("Variable", "joined"), ("Value", "true")), Node("end", "End"),
            ],
            [
                Link("start", "Done", "fork"), Link("fork", "Branches", "a"), Link("fork", "Branches", "b"), Link("fork", "Branches", "c"),
                Link("a", "Scored", "join"), Link("b", "Scored", "join"), Link("c", "Scored", "join"), Link("join", "Done", "after"), Link("after", "Done", "end"),
            ]));
        var started = await app.Runtime.StartAsync(definition, null, null, null, "test", Ct);
        var panelist = new Stimulus("pat@devrelhub.test", ["Panelist"]);

        var joinedAt = 0;
        foreach (var (node, index) in answered.Select((node, index) => (node, index)))
        {
            await app.Runtime.ResumeAsync(started.Bookmarks.Single(b => b.NodeId == node).Id, panelist, Ct);
            if (joinedAt == 0 && (await InstanceAsync(app, started.InstanceId)).Variables["joined"] is not null)
            {
                joinedAt = index + 1;
            }
        }

        Assert.Equal(3, started.Bookmarks.Count);
        Assert.Equal(joinedAfter, joinedAt);
        var instance = await InstanceAsync(app, started.InstanceId);
        Assert.Single(instance.Journal.Entries, e => e.Event == JournalEvent.Completed && e.NodeId == "join" && e.Outcome == "Done");
        Assert.Equal(3 - answered.Length, instance.Bookmarks.Count);
    }

    [Fact]
    public async Task An_activity_that_fails_faults_the_instance_with_an_incident_and_retry_goes_on_from_there()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Hiring", HiringFlow());
        var started = await app.Runtime.StartAsync(definition, null, null, new JsonObject { ["name"] = "Bo", ["email"] = "bo@example.com" }, "test", Ct);

        var faulted = await app.Runtime.ResumeAsync(started.Bookmarks[0].Id, Recruiter("Pass"), Ct);
        var refused = await Assert.ThrowsAsync<ConflictException>(() => app.Runtime.MigrateAsync(started.InstanceId, 1, "ops", Ct));
        var retried = await app.Runtime.RetryAsync(started.InstanceId, "ops@devrelhub.test", new JsonObject { ["score"] = 2, ["level"] = "Junior" }, Ct);

        Assert.Equal(WorkflowStatus.Faulted, faulted.Status);
        Assert.Contains("strong (Decision) failed: '>=' cannot compare nothing", faulted.Incident, StringComparison.Ordinal);
        Assert.Contains("already runs version 1", refused.Message, StringComparison.Ordinal);
        Assert.Equal((WorkflowStatus.Finished, null), (retried.Status, retried.Incident));
        var instance = await InstanceAsync(app, started.InstanceId);
        Assert.Equal(
            ["Faulted strong", "Retried strong", "Entered strong", "Completed strong:False", "Entered decline", "Completed decline:Done", "Entered end", "Completed end", "Finished"],
            instance.Events().SkipWhile(e => !e.StartsWith("Faulted", StringComparison.Ordinal)));
        Assert.Equal("Your application", Assert.Single(await OutboxAsync()).Subject);
    }

    [Fact]
    public async Task A_cancelled_instance_loses_its_bookmarks_and_cannot_be_resumed()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Hiring", HiringFlow());
        var started = await app.Runtime.StartAsync(definition, null, null, Candidate(), "test", Ct);

        var cancelled = await app.Runtime.CancelAsync(started.InstanceId, "rita@devrelhub.test", Ct);

        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Status);
        await Assert.ThrowsAsync<ConflictException>(() => app.Runtime.ResumeAsync(started.Bookmarks[0].Id, Recruiter("Pass"), Ct));
        await Assert.ThrowsAsync<ConflictException>(() => app.Runtime.CancelAsync(started.InstanceId, "again", Ct));
        var instance = await InstanceAsync(app, started.InstanceId);
        Assert.Empty(instance.Bookmarks);
        Assert.Equal("Cancelled", instance.Events().Last());
    }

    [Fact]
    public async Task A_timer_fires_from_the_hosted_service_when_the_clock_passes_its_due_time_and_not_before()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Reminder", Wait("P1D"));
        var started = await app.Runtime.StartAsync(definition, null, null, null, "test", Ct);

        app.Clock.Advance(TimeSpan.FromHours(23));
        await Task.Delay(300, Ct);
        var early = await InstanceAsync(app, started.InstanceId);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var fired = await WaitForAsync(app, started.InstanceId, WorkflowStatus.Finished);

        Assert.Equal(app.Clock.GetUtcNow(), Assert.Single(started.Bookmarks).DueAt);
        Assert.Equal(WorkflowStatus.Suspended, early.Instance.Status);
        Assert.True((bool)fired.Variables["fired"]!);
        Assert.Equal("timer", fired.Journal.Entries.Single(e => e.Event == JournalEvent.Resumed).Actor);
    }

    [Fact]
    public async Task A_timer_until_a_date_in_a_variable_waits_for_that_date()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "CFP deadline", new WorkflowGraph(
            [Node("start", "Start"), Node("until", "Timer", ("Until", "deadline")), Node("end", "End")],
            [Link("start", "Done", "until"), Link("until", "Done", "end")]));
        var deadline = app.Clock.GetUtcNow().AddDays(3);

        var started = await app.Runtime.StartAsync(definition, null, "cfp-kubecon", new JsonObject { ["deadline"] = deadline.ToString("O") }, "test", Ct);

        Assert.Equal(deadline, Assert.Single(started.Bookmarks).DueAt);
    }

    [Fact]
    public async Task A_new_version_leaves_running_instances_alone_and_migration_moves_one_only_where_its_waiting_node_exists()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Hiring", HiringFlow());
        var running = await app.Runtime.StartAsync(definition, null, null, Candidate(), "test", Ct);
        var withReminder = HiringFlow() with
        {
            Nodes = [.. HiringFlow().Nodes, Node("nudge", "Delay", ("Duration", "PT1H"))],
            Connections = [.. HiringFlow().Connections.Where(c => c.Source != "start"), Link("start", "Done", "nudge"), Link("nudge", "Done", "screen")],
        };
        await app.SendAsync(new SaveWorkflowDraft(definition, withReminder));
        await app.SendAsync(new PublishWorkflowDefinition(definition));
        var withoutScreening = new WorkflowGraph([Node("start", "Start"), Node("end", "End")], [Link("start", "Done", "end")]);
        await app.SendAsync(new SaveWorkflowDraft(definition, withoutScreening));
        await app.SendAsync(new PublishWorkflowDefinition(definition));

        var stillOne = await InstanceAsync(app, running.InstanceId);
        var fresh = await app.Runtime.StartAsync(definition, null, null, Candidate(), "test", Ct);
        var refused = await Assert.ThrowsAsync<ConflictException>(() => app.Runtime.MigrateAsync(running.InstanceId, 3, "ops", Ct));
        var moved = await app.Runtime.MigrateAsync(running.InstanceId, 2, "ops", Ct);
        var finished = await app.Runtime.ResumeAsync(running.Bookmarks[0].Id, Recruiter("Decline"), Ct);

        Assert.Equal(1, stillOne.Instance.DefinitionVersion);
        Assert.Equal(WorkflowStatus.Finished, fresh.Status);
        Assert.Equal("Version 3 has no screen (HumanTask), which this instance waits on; it stays on version 1.", refused.Message);
        Assert.Equal(WorkflowStatus.Suspended, moved.Status);
        Assert.Equal(WorkflowStatus.Finished, finished.Status);
        var instance = await InstanceAsync(app, running.InstanceId);
        Assert.Equal(2, instance.Instance.DefinitionVersion);
        Assert.Contains(instance.Journal.Entries, e => e.Event == JournalEvent.Migrated && e.Detail == "version 1 → 2" && e.Actor == "ops");
    }

    [Fact]
    public async Task Starting_a_draft_or_an_unknown_workflow_is_refused()
    {
        await app.StartAsync();
        var draft = await app.SendAsync(new CreateWorkflowDefinition("Unfinished"));

        await Assert.ThrowsAsync<NotFoundException>(() => app.Runtime.StartAsync(draft.Id, null, null, null, "test", Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => app.Runtime.StartAsync(draft.Id, 1, null, null, "test", Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => app.Runtime.StartAsync(Guid.NewGuid(), null, null, null, "test", Ct));
    }

    [Fact]
    public async Task An_instance_waiting_on_a_timer_survives_a_restart_and_fires_on_time_after_it()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Reminder", Wait("PT2H"));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(app.Clock.GetUtcNow());
        Guid instance;
        await using (var before = await EngineHost.StartAsync(app.Database, clock, options => options.TimerPollInterval = TimeSpan.FromSeconds(1)))
        {
            instance = (await before.Runtime.StartAsync(definition, null, null, null, "test", Ct)).InstanceId;
        }

        await using var after = await EngineHost.StartAsync(app.Database, clock, options => options.TimerPollInterval = TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromMinutes(119));
        await Task.Delay(300, Ct);
        var early = await InstanceAsync(app, instance);
        clock.Advance(TimeSpan.FromMinutes(1));
        var fired = await WaitForAsync(app, instance, WorkflowStatus.Finished);

        Assert.Equal(WorkflowStatus.Suspended, early.Instance.Status);
        Assert.Equal(clock.GetUtcNow(), fired.Journal.Entries.Single(e => e.Event == JournalEvent.Resumed).At);
    }

    [Fact]
    public async Task A_ten_thousand_entry_journal_is_read_a_page_at_a_time()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Long", new WorkflowGraph(
            [Node("start", "Start"), Node("again", "HumanTask", ("AssigneeRole", "Recruiter"), ("Choices", "Again, Stop")), Node("end", "End")],
            [Link("start", "Done", "again"), Link("again", "Again", "again"), Link("again", "Stop", "end")]));
        var run = await app.Runtime.StartAsync(definition, null, null, null, "test", Ct);
        for (var i = 0; i < 40; i++)
        {
            run = await app.Runtime.ResumeAsync(run.Bookmarks[0].Id, Recruiter("Again"), Ct);
        }

        var first = await app.SendAsync(new Instances.GetWorkflowJournal(run.InstanceId, 0, 50));
        var second = await app.SendAsync(new Instances.GetWorkflowJournal(run.InstanceId, first.Next!.Value, 50));
        var last = await app.SendAsync(new Instances.GetWorkflowJournal(run.InstanceId, second.Next!.Value, 500));

        Assert.Equal(5 + 40 * 4, first.Total);
        Assert.Equal(Enumerable.Range(1, 50), first.Entries.Select(e => e.Seq));
        Assert.Equal(Enumerable.Range(51, 50), second.Entries.Select(e => e.Seq));
        Assert.Equal((first.Total - 100, (int?)null), (last.Entries.Count, last.Next));
    }

    private static async Task<WorkflowInstanceDetails> WaitForAsync(EngineApp app, Guid instance, WorkflowStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var details = await InstanceAsync(app, instance);
            if (details.Instance.Status == status || DateTime.UtcNow > deadline)
            {
                Assert.Equal(status, details.Instance.Status);
                return details;
            }
            await Task.Delay(50, Ct);
        }
    }

    private async Task<IReadOnlyList<(string To, string Subject, string Body)>> OutboxAsync()
    {
        await using System.Data.Common.DbConnection db = app.Database.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(app.Database.ConnectionString)
            : new NpgsqlConnection(app.Database.ConnectionString);
        return [.. await db.QueryAsync<(string, string, string)>("SELECT to_address, subject, body FROM workflow_outbox ORDER BY created_at")];
    }
}

public sealed class RuntimeTestsOnSqlite(EngineAppOnSqlite app) : RuntimeTests(app), IClassFixture<EngineAppOnSqlite>;

public sealed class RuntimeTestsOnPostgres(EngineAppOnPostgres app) : RuntimeTests(app), IClassFixture<EngineAppOnPostgres>;
