using System.Text.Json;
using DevRelHub.Data;
using DevRelHub.Host.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Host.Tests;

public sealed class ReadAdmissionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    [Fact]
    public async Task An_api_read_waits_for_the_one_running_while_writes_and_pages_live_connections_go_ahead()
    {
        await using var admission = new ReadAdmission(1);
        var (first, running) = await HoldTheTurnAsync(admission);

        var second = new Gate();
        var waiting = admission.InvokeAsync(Request("GET", "/api/activities"), second.Next);
        var write = new Gate();
        var posted = admission.InvokeAsync(Request("POST", "/api/metrics/observations"), write.Next);
        var circuit = new Gate();
        var connected = admission.InvokeAsync(Request("GET", "/_blazor"), circuit.Next);
        await Task.WhenAll(write.Entered, circuit.Entered).WaitAsync(Ct);
        Assert.False(second.Entered.IsCompleted);

        first.Leave();
        await running.WaitAsync(Ct);
        await second.Entered.WaitAsync(Ct);
        second.Leave();
        write.Leave();
        circuit.Leave();
        await Task.WhenAll(waiting, posted, connected).WaitAsync(Ct);
    }

    [Fact]
    public async Task A_read_beyond_a_full_queue_is_answered_503_with_a_problem_and_a_retry_after()
    {
        await using var admission = new ReadAdmission(1);
        var (held, running) = await HoldTheTurnAsync(admission);
        var queued = Enumerable.Range(0, ReadAdmission.QueueLimit).Select(_ => admission.InvokeAsync(Request("GET", "/api/activities"), _ => Task.CompletedTask)).ToList();

        var refused = Request("GET", "/api/activities");
        refused.Response.Body = new MemoryStream();
        await admission.InvokeAsync(refused, _ => throw new InvalidOperationException("A read beyond the queue ran."));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, refused.Response.StatusCode);
        Assert.Equal("1", refused.Response.Headers.RetryAfter.ToString());
        refused.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(refused.Response.Body, cancellationToken: Ct);
        Assert.Equal("Too many reads waiting", problem.RootElement.GetProperty("title").GetString());
        held.Leave();
        await Task.WhenAll([running, .. queued]).WaitAsync(Ct);
    }

    [Fact]
    public async Task A_client_that_goes_away_while_its_read_waits_leaves_the_queue_and_the_read_never_runs()
    {
        await using var admission = new ReadAdmission(1);
        var (held, running) = await HoldTheTurnAsync(admission);
        using var gone = new CancellationTokenSource();
        var abandoned = Request("GET", "/api/activities");
        abandoned.RequestAborted = gone.Token;

        var waiting = admission.InvokeAsync(abandoned, _ => throw new InvalidOperationException("An abandoned read ran."));
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Leave();
        await running.WaitAsync(Ct);
    }

    [Fact]
    public void Reads_run_one_less_at_once_than_there_are_cores_on_sqlite_eight_a_core_on_a_server_unless_configured_and_never_fewer_than_one()
    {
        Assert.Equal(Math.Max(1, Environment.ProcessorCount - 1), ReadAdmission.ConcurrentReads(Configuration(null), DatabaseProvider.Sqlite));
        Assert.Equal(8 * Environment.ProcessorCount, ReadAdmission.ConcurrentReads(Configuration(null), DatabaseProvider.Postgres));
        Assert.Equal(8 * Environment.ProcessorCount, ReadAdmission.ConcurrentReads(Configuration(null), DatabaseProvider.SqlServer));
        Assert.Equal(4, ReadAdmission.ConcurrentReads(Configuration("4"), DatabaseProvider.Sqlite));
        Assert.Equal(4, ReadAdmission.ConcurrentReads(Configuration("4"), DatabaseProvider.Postgres));

        var refused = Assert.Throws<DatabaseConfigurationException>(() => ReadAdmission.ConcurrentReads(Configuration("0"), DatabaseProvider.Postgres));
        Assert.Equal("Database:ConcurrentReads is 0; it is how many reads run at once, one or more.", refused.Message);
    }

    /// <summary>A read that has the one turn of <paramref name="admission"/> until its gate is told to let it leave.</summary>
    private static async Task<(Gate Held, Task Running)> HoldTheTurnAsync(ReadAdmission admission)
    {
        var held = new Gate();
        var running = admission.InvokeAsync(Request("GET", "/api/applications"), held.Next);
        await held.Entered.WaitAsync(Ct);
        return (held, running);
    }

    private static IConfiguration Configuration(string? reads) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConcurrentReads"] = reads }).Build();

    private static DefaultHttpContext Request(string method, string path) =>
        new() { Request = { Method = method, Path = path }, RequestServices = Services };

    /// <summary>The rest of the pipeline for one request: it says when the request reached it, and finishes when told to.</summary>
    private sealed class Gate
    {
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource left = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => entered.Task;

        public Task Next(HttpContext context)
        {
            entered.SetResult();
            return left.Task;
        }

        public void Leave() => left.SetResult();
    }
}
