using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using Mediator;

namespace DevRelHub.Host.Seeding;

/// <summary>
/// Brings the database to the newest migration, and on a first start seeds the demo data unless
/// <c>Seed:Demo</c> is false (<c>--no-demo</c>). Runs before the server listens, so once
/// <c>/health</c> answers, the migrations ran.
/// </summary>
internal sealed class DatabaseStartup(DatabaseMigrator migrator, DemoData demo, IServiceScopeFactory scopes, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new EnsureHiringProcess(), cancellationToken);
        }
        if (configuration.GetValue("Seed:Demo", true))
        {
            await demo.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
