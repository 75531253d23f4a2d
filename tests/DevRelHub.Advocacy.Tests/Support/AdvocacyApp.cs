using System.Data.Common;
using Dapper;
using DevRelHub.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DevRelHub.Advocacy.Tests.Support;

/// <summary>The application with a clock the test turns by hand; mail stays in the outbox for the test to read.</summary>
public abstract class AdvocacyApp(TestDatabase database) : DevRelHubApp(database)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Workflows:TimerPollInterval", "00:00:01");
        builder.UseSetting("Workflows:Outbox:Deliver", "false");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>The mail waiting in the outbox, oldest first.</summary>
    public async Task<IReadOnlyList<(string To, string Subject, string Body)>> OutboxAsync()
    {
        await using DbConnection db = Services.GetRequiredService<IDbConnectionFactory>().Create();
        return [.. await db.QueryAsync<(string, string, string)>("SELECT to_address, subject, body FROM workflow_outbox ORDER BY created_at, id")];
    }
}

public sealed class AdvocacyAppOnSqlite() : AdvocacyApp(new SqliteTestDatabase());

public sealed class AdvocacyAppOnPostgres() : AdvocacyApp(new PostgresTestDatabase());
