using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DevRelHub.Data;

/// <summary>Opens connections to the configured database.</summary>
public interface IDbConnectionFactory
{
    DatabaseProvider Provider { get; }

    DbConnection Create();
}

internal sealed class DbConnectionFactory(DatabaseOptions options) : IDbConnectionFactory
{
    /// <summary>8 MB, as SQLite writes it (negative: kibibytes).</summary>
    internal const int SqliteCachePages = -8192;

    private readonly string postgres = options.Provider == DatabaseProvider.Postgres ? WithAutoPrepare(options.ConnectionString) : options.ConnectionString;

    public DatabaseProvider Provider => options.Provider;

    public DbConnection Create() => options.Provider switch
    {
        DatabaseProvider.Sqlite => SqliteWithNormalSync(options.ConnectionString),
        DatabaseProvider.Postgres => new NpgsqlConnection(postgres),
        DatabaseProvider.SqlServer => new SqlConnection(options.ConnectionString),
        _ => throw new DatabaseConfigurationException($"No connection for provider {options.Provider}."),
    };

    /// <summary>
    /// Npgsql prepares a statement on the server once it has run twice on a connection when the connection
    /// string allows it; unless the configuration names a setting of its own, it does here.
    /// </summary>
    private static string WithAutoPrepare(string connectionString) =>
        connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;

    /// <summary>
    /// In WAL mode, synchronous=NORMAL is what SQLite recommends: a commit is safe from an application crash
    /// and the database never corrupts; only the last commits before a power cut may be lost. FULL would
    /// wait for the disk on every commit. Each connection keeps a page cache of up to <see cref="SqliteCachePages"/>
    /// (SQLite's default is 2 MB): a pool holds a connection per concurrent request, so the cache is per connection
    /// times fifty under load; at 64 MB each the host grew 43 % in a five-minute load run, as the caches filled.
    /// A large import asks for more on its own connection (<see cref="DbSession.WithLargeCacheAsync"/>).
    /// The settings belong to the connection, so each open sets them.
    /// </summary>
    private static SqliteConnection SqliteWithNormalSync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.StateChange += (sender, change) =>
        {
            if (change.CurrentState == System.Data.ConnectionState.Open && sender is SqliteConnection opened)
            {
                using var pragma = opened.CreateCommand();
                pragma.CommandText = $"PRAGMA synchronous = NORMAL; PRAGMA cache_size = {SqliteCachePages};";
                pragma.ExecuteNonQuery();
            }
        };
        return connection;
    }
}
