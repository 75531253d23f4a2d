using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DevRelHub.Data;

/// <summary>Opens connections to the configured database.</summary>
public interface IDbConnectionFactory
{
    DatabaseProvider Provider { get; }

    DbConnection Create();

    /// <summary>
    /// A connection of its own: on PostgreSQL, outside the multiplexing that <see cref="Create"/>'s connections share.
    /// For code that can only call the database synchronously (the data-protection key ring's interface), which
    /// multiplexing does not take; and for a loop whose round trips run one after another while requests wait for it
    /// (the observation batcher): a multiplexed command's answer reaches its caller through the connection's read loop,
    /// one more turn through a busy thread pool per round trip. Neither sets anything on the session, so the connection
    /// goes back to the pool as it is: the reset Npgsql sends with the next command otherwise (seven statements: CLOSE
    /// ALL, RESET ALL, DISCARD TEMP …) was one in twenty of the statements PostgreSQL ran under the load harness.
    /// </summary>
    DbConnection CreateUnshared();
}

internal sealed class DbConnectionFactory(DatabaseOptions options) : IDbConnectionFactory
{
    /// <summary>8 MB, as SQLite writes it (negative: kibibytes).</summary>
    internal const int SqliteCachePages = -8192;

    /// <summary><see cref="WriteGate.WalSizeLimit"/> in pages of SQLite's default size, 4 KiB.</summary>
    private const long WalPages = WriteGate.WalSizeLimit / 4096;

    /// <summary>The SQLite handles whose settings are made; a handle closed for good drops out with its collection.</summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, SQLitePCL.sqlite3> SqliteHandlesSet = new();

    private readonly string postgres = options.Provider == DatabaseProvider.Postgres ? Tuned(options.ConnectionString) : options.ConnectionString;

    public DatabaseProvider Provider => options.Provider;

    private readonly string? unsharedPostgres = options.Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnectionStringBuilder(Tuned(options.ConnectionString)) { Multiplexing = false, NoResetOnClose = true }.ConnectionString
        : null;

    public DbConnection CreateUnshared() => unsharedPostgres is null ? Create() : new NpgsqlConnection(unsharedPostgres);

    public DbConnection Create() => options.Provider switch
    {
        DatabaseProvider.Sqlite => SqliteWithNormalSync(options.ConnectionString),
        DatabaseProvider.Postgres => new NpgsqlConnection(postgres),
        DatabaseProvider.SqlServer => new SqlConnection(options.ConnectionString),
        _ => throw new DatabaseConfigurationException($"No connection for provider {options.Provider}."),
    };

    /// <summary>
    /// Unless the configuration names a setting of its own: Npgsql prepares a statement on the server once it has run
    /// twice on a connection; and it multiplexes — the commands of concurrent requests outside a transaction share the
    /// pool's connections and go out together, many to a write (a transaction keeps its connection to itself). The load
    /// harness's PostgreSQL run (50 clients, 2 cores) went from 2,053 to 2,985 requests/s and p95 63.9 to 46.4 ms with it:
    /// a command to itself, each request's query was a socket write and a wake-up on both sides.
    /// </summary>
    private static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages) = (64, 2);
        }
        if (!connectionString.Contains("Multiplexing", StringComparison.OrdinalIgnoreCase))
        {
            builder.Multiplexing = true;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// In WAL mode, synchronous=NORMAL is what SQLite recommends: a commit is safe from an application crash
    /// and the database never corrupts; only the last commits before a power cut may be lost. FULL would
    /// wait for the disk on every commit. Each connection keeps a page cache of up to <see cref="SqliteCachePages"/>
    /// (SQLite's default is 2 MB): a pool holds a connection per concurrent request, so the cache is per connection
    /// times fifty under load; at 64 MB each the host grew 43 % in a five-minute load run, as the caches filled.
    /// A large import asks for more on its own connection (<see cref="DbSession.WithLargeCacheAsync"/>).
    /// A commit checkpoints the write-ahead log only when it has grown past <see cref="WriteGate.WalSizeLimit"/>;
    /// below it the <see cref="WriteGate"/> copies it back in the background. With SQLite's default, a checkpoint in
    /// every commit once the log passes 4 MB, the commit took 5 ms of an observation fold's 17 under the load harness,
    /// syncing both files while every other write waited for the writer turn.
    /// The settings belong to the connection's handle, which the pool keeps open between uses: they are made on the
    /// first open of each handle, not on every open (preparing the four statements made a pooled open and a one-row
    /// query take 24–31 µs instead of 15–17: benchmarks, <c>connections</c>).
    /// </summary>
    private static SqliteConnection SqliteWithNormalSync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.StateChange += (sender, change) =>
        {
            if (change.CurrentState == System.Data.ConnectionState.Open && sender is SqliteConnection { Handle: { } handle } opened
                && !SqliteHandlesSet.TryGetValue(handle, out _))
            {
                using var pragma = opened.CreateCommand();
                pragma.CommandText = $"PRAGMA synchronous = NORMAL; PRAGMA cache_size = {SqliteCachePages}; PRAGMA wal_autocheckpoint = {WalPages}; PRAGMA journal_size_limit = {WriteGate.WalSizeLimit};";
                pragma.ExecuteNonQuery();
                SqliteHandlesSet.AddOrUpdate(handle, handle);
            }
        };
        return connection;
    }
}
