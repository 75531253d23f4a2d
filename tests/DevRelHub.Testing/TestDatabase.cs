using Dapper;
using DevRelHub.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Respawn;

namespace DevRelHub.Testing;

/// <summary>
/// A database of its own for one test class: created empty, migrated by the host, emptied between tests
/// (FluentMigrator's VersionInfo kept), dropped at the end.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public const string VersionTable = "VersionInfo";

    /// <summary>Tables a reset keeps: the migrations' bookkeeping and the reference rows migrations write (the month calendar).</summary>
    protected static readonly Respawn.Graph.Table[] Kept = [new(VersionTable), new("metrics_month")];

    public abstract DatabaseProvider Provider { get; }

    public abstract string ProviderName { get; }

    /// <summary>Why this database cannot be used here, or null when it can.</summary>
    public abstract string? SkipReason { get; }

    public abstract string ConnectionString { get; }

    public abstract Task CreateAsync();

    public abstract Task ResetAsync();

    public abstract ValueTask DisposeAsync();

    protected static string UniqueName() => $"devrelhub_test_{Guid.NewGuid():N}"[..32];
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"{UniqueName()}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ProviderName => DatabaseProviderNames.Sqlite;

    public override string? SkipReason => null;

    public override string ConnectionString => $"Data Source={file}";

    public override Task CreateAsync() => Task.CompletedTask;

    public override async Task ResetAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
            .Where(table => !Kept.Any(kept => kept.Name == table));
        await connection.ExecuteAsync("PRAGMA foreign_keys = OFF;" + string.Concat(tables.Select(table => $"DELETE FROM \"{table}\";")));
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    public const string Variable = "DEVRELHUB_TEST_POSTGRES";

    private static readonly string? Server = Environment.GetEnvironmentVariable(Variable);
    private readonly string name = UniqueName();
    private Respawner? respawner;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ProviderName => DatabaseProviderNames.Postgres;

    public override string? SkipReason => Server is null
        ? $"PostgreSQL tests need {Variable} (a connection string to a server where databases may be created); ./test.sh starts one and sets it."
        : null;

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;

    public override async Task CreateAsync()
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.ExecuteAsync($"CREATE DATABASE \"{name}\"");
    }

    public override async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = Kept,
        });
        await respawner.ResetAsync(connection);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Server is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }
}

public sealed class SqlServerTestDatabase : TestDatabase
{
    public const string Variable = "DEVRELHUB_TEST_SQLSERVER";

    private static readonly string? Server = Environment.GetEnvironmentVariable(Variable);
    private readonly string name = UniqueName();
    private Respawner? respawner;

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override string ProviderName => DatabaseProviderNames.SqlServer;

    public override string? SkipReason => Server is null
        ? $"SQL Server tests need {Variable} (a connection string to a server where databases may be created); no SQL Server runs on this machine."
        : null;

    public override string ConnectionString => new SqlConnectionStringBuilder(Server) { InitialCatalog = name }.ConnectionString;

    public override async Task CreateAsync()
    {
        await using var connection = new SqlConnection(Server);
        await connection.ExecuteAsync($"CREATE DATABASE [{name}]");
    }

    public override async Task ResetAsync()
    {
        await using var connection = new SqlConnection(ConnectionString);
        await connection.OpenAsync();
        respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.SqlServer,
            TablesToIgnore = Kept,
        });
        await respawner.ResetAsync(connection);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Server is null)
        {
            return;
        }
        SqlConnection.ClearAllPools();
        await using var connection = new SqlConnection(Server);
        await connection.ExecuteAsync($"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]");
    }
}
