using Dapper;
using DevRelHub.Migrations;
using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DevRelHub.Data;

/// <summary>Brings the configured database up to the newest migration in <c>DevRelHub.Migrations</c>.</summary>
public sealed class DatabaseMigrator(DatabaseOptions options, IDbConnectionFactory connections, ILogger<DatabaseMigrator> logger)
{
    public Task MigrateAsync(CancellationToken cancellationToken) => MigrateAsync(version: null, cancellationToken);

    /// <summary>Brings the database up to <paramref name="version"/> (the newest when null), as a database that last ran that release would be.</summary>
    public async Task MigrateAsync(long? version, CancellationToken cancellationToken)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = connections.Create();
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL;", cancellationToken: cancellationToken));
        }

        await using var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => AddProcessor(runner)
                .WithGlobalConnectionString(options.ConnectionString)
                .ScanIn(typeof(MigrationsAssembly).Assembly).For.Migrations())
            .BuildServiceProvider(validateScopes: false);

        var runner = services.GetRequiredService<IMigrationRunner>();
        if (version is { } target)
        {
            runner.MigrateUp(target);
        }
        else
        {
            runner.MigrateUp();
        }
        logger.LogInformation("Database {Provider} is at migration {Version}", options.Provider, version ?? runner.MigrationLoader.LoadMigrations().Keys.Max());
    }

    private IMigrationRunnerBuilder AddProcessor(IMigrationRunnerBuilder runner) => options.Provider switch
    {
        DatabaseProvider.Sqlite => AddSqlite(runner),
        DatabaseProvider.Postgres => runner.AddPostgres15_0(),
        DatabaseProvider.SqlServer => runner.AddSqlServer2016(),
        _ => throw new DatabaseConfigurationException($"No migrations for provider {options.Provider}."),
    };

    private static IMigrationRunnerBuilder AddSqlite(IMigrationRunnerBuilder runner)
    {
        runner.AddSQLite(binaryGuid: false, useStrictTables: false);
        runner.Services.AddScoped<FluentMigrator.Runner.Generators.SQLite.ISQLiteTypeMap, SqliteTypeMap>();
        return runner;
    }
}
