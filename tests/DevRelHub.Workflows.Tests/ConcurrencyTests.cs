using Dapper;
using DevRelHub.Data;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Runtime;
using DevRelHub.Workflows.Tests.Support;
using Npgsql;
using static DevRelHub.Workflows.Tests.Support.Flows;

namespace DevRelHub.Workflows.Tests;

/// <summary>Races that only a server database can stage: real parallel connections, several engine hosts on one database.</summary>
public sealed class ConcurrencyTestsOnPostgres(EngineAppOnPostgres app) : IClassFixture<EngineAppOnPostgres>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sixteen_concurrent_resumes_of_one_bookmark_apply_exactly_once()
    {
        var started = await StartHiringAsync();
        var bookmark = started.Bookmarks[0].Id;

        var attempts = await RaceAsync(async stimulus =>
        {
            await app.Runtime.ResumeAsync(bookmark, stimulus, Ct);
            return Resumed;
        });

        Assert.All(attempts.Where(answer => answer != Resumed), answer => Assert.Contains("already resumed", answer, StringComparison.Ordinal));
        await AssertResumedOnceAsync(started.InstanceId, attempts);
    }

    [Fact]
    public async Task Sixteen_concurrent_resumes_at_one_node_apply_exactly_once()
    {
        var started = await StartHiringAsync();
        var screening = started.Bookmarks[0];

        var attempts = await RaceAsync(async stimulus =>
            await app.Runtime.ResumeAtAsync(started.InstanceId, screening.NodeId, screening.ActivityType, stimulus, Ct) is null ? "nothing waits" : Resumed);

        Assert.All(attempts.Where(answer => answer != Resumed),
            answer => Assert.True(answer == "nothing waits" || answer.Contains("already resumed", StringComparison.Ordinal), answer));
        await AssertResumedOnceAsync(started.InstanceId, attempts);
    }

    private const string Resumed = "resumed";

    private async Task<RunResult> StartHiringAsync()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Hiring", HiringFlow());
        return await app.Runtime.StartAsync(definition, null, null,
            new() { ["name"] = "Ada", ["email"] = "ada@example.com", ["level"] = "Senior", ["score"] = 4 }, "test", Ct);
    }

    /// <summary>Sixteen recruiters pass the screening at once; answers what each got (a refusal's message).</summary>
    private static async Task<string[]> RaceAsync(Func<Stimulus, Task<string>> resume)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = Enumerable.Range(1, 16).Select(caller => Task.Run(async () =>
        {
            await go.Task;
            try
            {
                return await resume(new Stimulus($"caller{caller}@devrelhub.test", ["Recruiter"], "Pass"));
            }
            catch (ConflictException e)
            {
                return e.Message;
            }
        }, Ct)).ToList();
        go.SetResult();
        return await Task.WhenAll(racing);
    }

    private async Task AssertResumedOnceAsync(Guid instanceId, string[] attempts)
    {
        Assert.Single(attempts, answer => answer == Resumed);
        var instance = await InstanceAsync(app, instanceId);
        Assert.Single(instance.Journal.Entries, entry => entry.Event == JournalEvent.Resumed);
        Assert.Equal(WorkflowStatus.Finished, instance.Instance.Status);
        await using var db = new NpgsqlConnection(app.Database.ConnectionString);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM workflow_outbox"));
    }

    [Fact]
    public async Task Two_hosts_fire_five_hundred_timers_each_exactly_once_even_when_one_stops_midway()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Reminder", Wait("PT2S"));
        static void Configure(WorkflowEngineOptions options)
        {
            options.TimerPollInterval = TimeSpan.FromMilliseconds(100);
            options.TimerBatchSize = 10;
            options.TimerLease = TimeSpan.FromSeconds(3);
        }
        var first = await EngineHost.StartAsync(app.Database, TimeProvider.System, Configure);
        await using var second = await EngineHost.StartAsync(app.Database, TimeProvider.System, Configure);
        var instances = new List<Guid>();
        for (var i = 0; i < 500; i++)
        {
            var host = i % 2 == 0 ? first : second;
            instances.Add((await host.Runtime.StartAsync(definition, null, $"timer-{i}", null, "test", Ct)).InstanceId);
        }

        await WaitUntilAsync(async () => await CountAsync("SELECT COUNT(*) FROM workflow_instance WHERE status = 'Finished'") >= 100);
        await first.DisposeAsync();
        var whenFirstStopped = await CountAsync("SELECT COUNT(*) FROM workflow_instance WHERE status = 'Finished'");
        await WaitUntilAsync(async () => await CountAsync("SELECT COUNT(*) FROM workflow_instance WHERE status = 'Finished'") == 500);

        Assert.InRange(whenFirstStopped, 100, 499);
        Assert.Equal(500, await CountAsync("SELECT COUNT(*) FROM workflow_journal WHERE event = 'Resumed'"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM workflow_bookmark"));
        Assert.Equal(500, await CountAsync("SELECT COUNT(DISTINCT instance_id) FROM workflow_journal WHERE event = 'Resumed'"));
        Assert.Equal(500, instances.Distinct().Count());
    }

    private async Task<int> CountAsync(string sql)
    {
        await using var db = new NpgsqlConnection(app.Database.ConnectionString);
        return await db.ExecuteScalarAsync<int>(sql);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the timers to fire.");
            await Task.Delay(50, Ct);
        }
    }
}
