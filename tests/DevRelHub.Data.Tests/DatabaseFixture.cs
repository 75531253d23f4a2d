using DevRelHub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Data.Tests;

/// <summary>The data layer alone, as a host would wire it, on a migrated database of its own.</summary>
public abstract class DatabaseFixture(TestDatabase database) : IAsyncLifetime
{
    private ServiceProvider? services;

    public TestDatabase Database { get; } = database;

    public IServiceProvider Services => services ?? throw new InvalidOperationException("The fixture has not started.");

    public async ValueTask InitializeAsync()
    {
        if (Database.SkipReason is not null)
        {
            return;
        }
        await Database.CreateAsync();
        services = ServicesFor(Database);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var db = await session.ConnectionAsync(TestContext.Current.CancellationToken);
        await Dapper.SqlMapper.ExecuteAsync(db, ScratchTable);
    }

    /// <summary>The data layer wired as a host wires it, on <paramref name="database"/>.</summary>
    public static ServiceProvider ServicesFor(TestDatabase database) => new ServiceCollection()
        .AddLogging()
        .AddDatabase(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.ProviderName,
            ["ConnectionStrings:DevRelHub"] = database.ConnectionString,
        }).Build())
        .BuildServiceProvider();

    /// <summary>A table with one column of each type the handlers cover, in each database's own types.</summary>
    private string ScratchTable => Database.Provider switch
    {
        DatabaseProvider.Sqlite => "CREATE TABLE test_value (id UNIQUEIDENTIFIER PRIMARY KEY, at TEXT NOT NULL, day DATETIME NOT NULL, flag INTEGER NOT NULL, position INTEGER NOT NULL, note TEXT NULL)",
        DatabaseProvider.Postgres => "CREATE TABLE test_value (id uuid PRIMARY KEY, at timestamptz NOT NULL, day date NOT NULL, flag boolean NOT NULL, position integer NOT NULL, note text NULL)",
        _ => "CREATE TABLE test_value (id uniqueidentifier PRIMARY KEY, at datetimeoffset NOT NULL, day date NOT NULL, flag bit NOT NULL, position int NOT NULL, note nvarchar(100) NULL)",
    };

    public async Task StartAsync()
    {
        Assert.SkipWhen(Database.SkipReason is not null, Database.SkipReason ?? "");
        await Database.ResetAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteDatabase() : DatabaseFixture(new SqliteTestDatabase());

public sealed class PostgresDatabase() : DatabaseFixture(new PostgresTestDatabase());

public sealed class SqlServerDatabase() : DatabaseFixture(new SqlServerTestDatabase());
