using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace DevRelHub.Data;

/// <summary>
/// Commands kept per long-lived SQLite connection and SQL text, so a statement run thousands of times is
/// compiled once: SQLite keeps a command's prepared statements while its text stays the same. Other
/// databases get a fresh command each time (their drivers and servers cache plans themselves).
/// </summary>
public static class StatementCache
{
    private const int MaxPerConnection = 200;
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, DbCommand>> Cached = [];

    /// <summary>A command for <paramref name="sql"/> in <paramref name="transaction"/> with no parameters yet; dispose the lease when done.</summary>
    public static Lease Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var commands = connection is SqliteConnection ? Cached.GetOrCreateValue(connection) : null;
        if (commands is null || (commands.Count >= MaxPerConnection && !commands.ContainsKey(sql)))
        {
            var fresh = connection.CreateCommand();
            fresh.CommandText = sql;
            fresh.Transaction = transaction;
            return new Lease(fresh, owned: true);
        }
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }
        command.Parameters.Clear();
        command.Transaction = transaction;
        return new Lease(command, owned: false);
    }

    public readonly struct Lease(DbCommand command, bool owned) : IAsyncDisposable
    {
        public DbCommand Command { get; } = command;

        public ValueTask DisposeAsync() => owned ? Command.DisposeAsync() : ValueTask.CompletedTask;
    }
}
