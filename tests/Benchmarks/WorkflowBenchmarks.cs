using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DevRelHub.Testing;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Definitions;
using DevRelHub.Workflows.Instances;
using DevRelHub.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Benchmarks;

/// <summary>
/// The engine under load: a six-node flow (start, four people's steps, end) resumed by eight concurrent
/// callers on SQLite and PostgreSQL; the same flow on WorkflowCore in memory, side by side; and the
/// viewer's first journal page of an instance with 10,000 entries.
/// </summary>
internal static class WorkflowBenchmarks
{
    private static int Callers = 8;
    private const int Steps = 4;
    private static readonly Stimulus Person = new("bench@devrelhub.test", ["Recruiter"], "Done");

    public static async Task RunAsync(Arguments args)
    {
        var instances = int.Parse(args.Get("--instances", "4000"), CultureInfo.InvariantCulture);
        Callers = int.Parse(args.Get("--callers", "8"), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        foreach (var provider in args.Get("--provider", "sqlite,postgres").Split(','))
        {
            if (provider == "postgres" && Environment.GetEnvironmentVariable(PostgresTestDatabase.Variable) is null)
            {
                Console.WriteLine($"PostgreSQL skipped: set {PostgresTestDatabase.Variable} (test.sh does) to include it.");
                continue;
            }
            rows.AddRange(await MeasureOursAsync(provider, instances));
        }
        var workflowCore = await WorkflowCoreComparison.CompletedPerSecondAsync(instances, Callers);
        rows.Add(["WorkflowCore 3.22.0 (in memory)", "instances completed/s", $"{workflowCore:0}", ""]);
        var oursOnSqlite = rows.FirstOrDefault(row => row[0] == "sqlite" && row[1] == "instances completed/s");
        if (oursOnSqlite is not null)
        {
            rows.Add(["ours on SQLite ÷ WorkflowCore in memory", "ratio", $"{double.Parse(oursOnSqlite[2], CultureInfo.InvariantCulture) / workflowCore:0.0}x", "goal ≥ 5x"]);
        }

        Console.WriteLine($"\n{Environment.ProcessorCount} cores, {instances} instances of start → 4 people's steps → end, {Callers} concurrent callers\n");
        Console.WriteLine($"{"engine",-42}{"measure",-26}{"value",12}  goal");
        foreach (var row in rows)
        {
            Console.WriteLine($"{row[0],-42}{row[1],-26}{row[2],12}  {row[3]}");
        }
    }

    private static async Task<IEnumerable<string[]>> MeasureOursAsync(string provider, int instances)
    {
        await using DevRelHubApp app = provider == "postgres" ? new PostgresApp() : new SqliteApp();
        await app.InitializeAsync();
        await app.StartAsync();
        var runtime = app.Services.GetRequiredService<WorkflowRuntime>();
        var definition = await PublishAsync(app, "Four steps", FourSteps());
        await CompleteInstancesAsync(runtime, definition, 1000);

        var waiting = new ConcurrentQueue<Guid>();
        foreach (var _ in Enumerable.Range(0, instances))
        {
            waiting.Enqueue((await runtime.StartAsync(definition, null, null, null, "bench", CancellationToken.None)).Bookmarks[0].Id);
        }
        var latencies = new ConcurrentBag<double>();
        var resumes = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            while (waiting.TryDequeue(out var bookmark))
            {
                for (var step = 0; step < Steps; step++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var result = await runtime.ResumeAsync(bookmark, Person, CancellationToken.None);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    bookmark = result.Bookmarks.Count > 0 ? result.Bookmarks[0].Id : Guid.Empty;
                }
            }
        })));
        resumes.Stop();
        var sorted = latencies.Order().ToArray();
        var resumesPerSecond = sorted.Length / resumes.Elapsed.TotalSeconds;

        var completed = Stopwatch.StartNew();
        await CompleteInstancesAsync(runtime, definition, instances);
        var completedPerSecond = instances / completed.Elapsed.TotalSeconds;

        var journalMs = await FirstJournalPageAsync(app, runtime);
        var (resumeGoal, p99Goal) = provider == "postgres" ? ("goal ≥ 1,500/s", "") : ("goal ≥ 5,000/s", "goal < 5 ms");
        return
        [
            [provider, "resumes/s", $"{resumesPerSecond:0}", resumeGoal],
            [provider, "resume p50 ms", $"{Percentile(sorted, 0.50):0.000}", ""],
            [provider, "resume p99 ms", $"{Percentile(sorted, 0.99):0.000}", p99Goal],
            [provider, "instances completed/s", $"{completedPerSecond:0}", ""],
            [provider, "10,000-entry journal, first page ms", $"{journalMs:0.000}", "goal < 10 ms"],
        ];
    }

    /// <summary>Each caller starts an instance and answers its four steps, until <paramref name="count"/> have finished.</summary>
    private static async Task CompleteInstancesAsync(WorkflowRuntime runtime, Guid definition, int count)
    {
        var remaining = count;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var result = await runtime.StartAsync(definition, null, null, null, "bench", CancellationToken.None);
                while (result.Bookmarks.Count > 0)
                {
                    result = await runtime.ResumeAsync(result.Bookmarks[0].Id, Person, CancellationToken.None);
                }
                if (result.Status != WorkflowStatus.Finished)
                {
                    throw new InvalidOperationException($"Instance {result.InstanceId} ended {result.Status}: {result.Incident}");
                }
            }
        })));
    }

    /// <summary>Median time to open an instance whose journal holds 10,000 entries: the instance, its bookmarks and the first page.</summary>
    private static async Task<double> FirstJournalPageAsync(DevRelHubApp app, WorkflowRuntime runtime)
    {
        var definition = await PublishAsync(app, "Long journal", new WorkflowGraph(
            [Node("start", "Start"), Node("again", "HumanTask", ("AssigneeRole", "Recruiter"), ("Choices", "Again, Stop")), Node("end", "End")],
            [new("start", "Done", "again"), new("again", "Again", "again"), new("again", "Stop", "end")]));
        var run = await runtime.StartAsync(definition, null, null, null, "bench", CancellationToken.None);
        var again = Person with { Outcome = "Again" };
        while (await app.SendAsync(new GetWorkflowJournal(run.InstanceId, 0, 1)) is { Total: < 10_000 })
        {
            run = await runtime.ResumeAsync(run.Bookmarks[0].Id, again, CancellationToken.None);
        }
        var timings = new double[25];
        await app.SendAsync(new GetWorkflowInstance(run.InstanceId));
        for (var i = 0; i < timings.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var details = await app.SendAsync(new GetWorkflowInstance(run.InstanceId));
            timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (details.Journal.Entries.Count != 50 || details.Journal.Total < 10_000)
            {
                throw new InvalidOperationException("The journal page is not what the viewer asks for.");
            }
        }
        return Percentile([.. timings.Order()], 0.5);
    }

    private static double Percentile(double[] sorted, double at) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(at * sorted.Length) - 1)];

    private static WorkflowNode Node(string id, string type, params (string Name, string Value)[] inputs) =>
        new(id, type, Inputs: inputs.ToDictionary(input => input.Name, input => input.Value));

    private static WorkflowGraph FourSteps() => new(
        [Node("start", "Start"), .. Enumerable.Range(1, Steps).Select(i => Node($"step{i}", "HumanTask", ("AssigneeRole", "Recruiter"), ("Choices", "Done"))), Node("end", "End")],
        [new("start", "Done", "step1"), .. Enumerable.Range(1, Steps - 1).Select(i => new WorkflowConnection($"step{i}", "Done", $"step{i + 1}")), new("step4", "Done", "end")]);

    private static async Task<Guid> PublishAsync(DevRelHubApp app, string name, WorkflowGraph graph)
    {
        var definition = await app.SendAsync(new CreateWorkflowDefinition(name));
        await app.SendAsync(new SaveWorkflowDraft(definition.Id, graph));
        await app.SendAsync(new PublishWorkflowDefinition(definition.Id));
        return definition.Id;
    }
}
