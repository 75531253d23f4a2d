using System.Text.Json.Nodes;
using DevRelHub.Data;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace DevRelHub.Workflows.Tests.Support;

/// <summary>A module's blocking step, written as a module would: one short class.</summary>
public sealed class PhoneScreen() : BlockingActivity(new(
    "PhoneScreen", "Testing", "A module's blocking step, as short as one can be.", ActivityBehaviour.Blocking, [], ["Pass", "Decline"]))
{
    protected override JsonObject? BookmarkData(ActivityContext context) => new() { ["assigneeRole"] = "Recruiter" };
}

/// <summary>
/// The application with a clock the test turns by hand and a module activity added; timers fire from its
/// hosted service when the clock passes them.
/// </summary>
public abstract class EngineApp(TestDatabase database) : DevRelHubApp(database)
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Workflows:TimerPollInterval", "00:00:01");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddActivity<PhoneScreen>();
        });
    }
}

public sealed class EngineAppOnSqlite() : EngineApp(new SqliteTestDatabase());

public sealed class EngineAppOnPostgres() : EngineApp(new PostgresTestDatabase());

/// <summary>
/// The engine alone in a generic host, as a second server process would run it: its own services, timer
/// service and connections, on a database another host already migrated.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost host;

    private EngineHost(IHost host) => this.host = host;

    public WorkflowRuntime Runtime => host.Services.GetRequiredService<WorkflowRuntime>();

    public static async Task<EngineHost> StartAsync(TestDatabase database, TimeProvider clock, Action<WorkflowEngineOptions> configure)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.ProviderName,
            ["ConnectionStrings:DevRelHub"] = database.ConnectionString,
        });
        builder.Services.AddSingleton(clock);
        builder.Services.AddDatabase(builder.Configuration);
        builder.Services.AddWorkflows(configure);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new EngineHost(host);
    }

    public Task StopAsync() => host.StopAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync(CancellationToken.None);
        host.Dispose();
    }
}
