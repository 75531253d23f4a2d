using System.Diagnostics;
using System.Globalization;
using Dapper;
using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Pipeline;
using DevRelHub.Testing;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DevRelHub.Benchmarks;

/// <summary>
/// The recruiters' board rendered on the server with many active applications: the time from asking for the
/// page to having its HTML (query, grouping, component rendering), as the first render of a circuit costs.
/// Goal: under 300 ms with 2,000 active applications.
/// </summary>
internal static class BoardRendering
{
    private const int Runs = 25;

    public static async Task RunAsync(Arguments args)
    {
        var count = int.Parse(args.Get("--applications", "2000"), CultureInfo.InvariantCulture);
        var provider = args.Get("--provider", "sqlite");
        await using DevRelHubApp app = provider == "postgres" ? new PostgresApp() : new SqliteApp();
        await app.InitializeAsync();
        await app.StartAsync();
        await SeedAsync(app, count);

        var query = Time(() => app.SendAsync(new GetPipelineBoard()).GetAwaiter().GetResult());
        var render = Time(() => RenderAsync(app).GetAwaiter().GetResult());
        var html = await RenderAsync(app);
        Console.WriteLine($"\nBoard with {count:N0} active applications on {provider}, median (p95) of {Runs} runs");
        Console.WriteLine($"  query GetPipelineBoard      {query.Median,8:0.0} ms ({query.P95:0.0})");
        Console.WriteLine($"  first render, server side   {render.Median,8:0.0} ms ({render.P95:0.0})   goal < 300 ms   {html.Length / 1024:N0} KiB of HTML");
    }

    private static async Task<string> RenderAsync(DevRelHubApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        // What the server does for a request before it renders: the page's address is known.
        ((IHostEnvironmentNavigationManager)scope.ServiceProvider.GetRequiredService<NavigationManager>())
            .Initialize("http://localhost/", "http://localhost/hiring/board");
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<BoardPage>()).ToHtmlString());
    }

    private static (double Median, double P95) Time(Action work)
    {
        work();
        var timings = new double[Runs];
        for (var run = 0; run < Runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            work();
            timings[run] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(timings);
        return (timings[Runs / 2], timings[(int)(Runs * 0.95)]);
    }

    /// <summary>Applications spread over the process's stages, each with a candidate and a third with an interview; written straight into the tables.</summary>
    private static async Task SeedAsync(DevRelHubApp app, int count)
    {
        await app.SendAsync(new EnsureHiringProcess());
        var opening = await app.SendAsync(new CreateOpening("Developer Advocate", OpeningLevel.DeveloperAdvocate));
        var now = DateTimeOffset.UtcNow;
        string[] stages = ["screening", "manager", "panel", "final", "offer"];
        var rows = Enumerable.Range(0, count).Select(i => new
        {
            Id = Guid.CreateVersion7(), CandidateId = Guid.CreateVersion7(), Name = $"Candidate {i}", Email = $"candidate{i}@bench.test", OpeningId = opening.Id,
            NodeId = stages[i % stages.Length], EnteredAt = now.AddHours(-i), InterviewId = Guid.CreateVersion7(), HasInterview = i % 3 == 0,
        }).ToArray();
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var db = await session.ConnectionAsync(CancellationToken.None);
        await session.InTransactionAsync(async token =>
        {
            await db.ExecuteAsync(session.Command("INSERT INTO hiring_candidate (id, full_name, email, created_at) VALUES (@CandidateId, @Name, @Email, @EnteredAt)", rows, token));
            await db.ExecuteAsync(session.Command("""
                INSERT INTO hiring_application (id, candidate_id, opening_id, instance_id, stage, stage_node_id, stage_entered_at, status, created_at)
                VALUES (@Id, @CandidateId, @OpeningId, @InterviewId, @NodeId, @NodeId, @EnteredAt, 'Active', @EnteredAt)
                """, rows, token));
            await db.ExecuteAsync(session.Command("""
                INSERT INTO hiring_interview (id, application_id, stage, stage_node_id, starts_at, duration_minutes, status, sequence, created_at)
                VALUES (@InterviewId, @Id, @NodeId, @NodeId, @EnteredAt, 45, 'Scheduled', 0, @EnteredAt)
                """, rows.Where(row => row.HasInterview), token));
            return 0;
        }, CancellationToken.None);
    }
}
