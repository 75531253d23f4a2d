using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using Mediator;

namespace DevRelHub.Host.Seeding;

/// <summary>
/// Brings the database to the newest migration, and on a first start seeds the demo data unless
/// <c>Seed:Demo</c> is false (<c>--no-demo</c>). Registered first, it runs before the server listens and before the engine's
/// timer and outbox services start polling their tables, so once
/// <c>/health</c> answers, the migrations ran. The hiring process and the CFP reminders are published whenever the database has none, demo or not, and every hired candidate is on the advocacy team.
/// </summary>
internal sealed class DatabaseStartup(DatabaseMigrator migrator, DemoData demo, IServiceScopeFactory scopes, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            await sender.Send(new EnsureHiringProcess(), cancellationToken);
            await sender.Send(new EnsureCfpReminderProcess(), cancellationToken);
            await sender.Send(new SyncHiredAdvocates(), cancellationToken);
        }
        if (configuration.GetValue("Seed:Demo", true))
        {
            await demo.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
