using System.Data.Common;
using Dapper;

namespace DevRelHub.Data;

/// <summary>
/// The unit of work of one request scope: one connection, opened on first use, and at most one
/// transaction around a command. Handlers build their Dapper calls with <see cref="Command"/>
/// so that they join the transaction when there is one.
/// </summary>
public sealed class DbSession(IDbConnectionFactory factory, ISqlDialect dialect, WriteGate gate) : IAsyncDisposable
{
    private DbConnection? connection;
    private DbTransaction? transaction;

    // Set while the transaction's owner lets its work's last command end it (InTransactionAsync), and once that command is sent.
    private bool commitWithLastCommand;
    private bool lastCommandSent;

    /// <summary>
    /// Makes the connection this session is about to open one of its own (<see cref="IDbConnectionFactory.CreateUnshared"/>):
    /// for the observation batcher's folds, whose latency every waiting batch pays (load harness on PostgreSQL: a fold's
    /// transaction took 35–47 ms on a multiplexed connection, 18–22 ms on one of its own).
    /// </summary>
    public void UseUnsharedConnection()
    {
        if (connection is not null)
        {
            throw new InvalidOperationException("This session has opened its connection already.");
        }
        connection = factory.CreateUnshared();
    }

    public async ValueTask<DbConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        ThrowIfEnded();
        connection ??= factory.Create();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }
        return connection;
    }

    public CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken)
    {
        ThrowIfEnded();
        return new(sql, parameters, transaction, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Whether the command about to be sent as the work's last (<see cref="StatementBatch.ExecuteLastAsync"/>) ends the
    /// transaction: its owner said nothing follows the work (<see cref="InTransactionAsync{T}(Func{CancellationToken, ValueTask{T}}, bool, CancellationToken)"/>).
    /// </summary>
    internal bool LastCommandEndsTransaction => transaction is not null && commitWithLastCommand;

    /// <summary>The work's last command succeeded (carrying the COMMIT where <see cref="ISqlDialect.CommitInCommand"/> says how): nothing more may be sent in this transaction.</summary>
    internal void LastCommandSent() => lastCommandSent = true;

    private void ThrowIfEnded()
    {
        if (lastCommandSent)
        {
            throw new InvalidOperationException("This session's transaction ended with its work's last command; nothing may be sent after it.");
        }
    }

    /// <summary>Statements to send together (<see cref="StatementBatch"/>), each reading <paramref name="parameters"/> as it needs.</summary>
    public StatementBatch Statements(object parameters) => new(this, dialect, parameters);

    /// <summary>
    /// Runs a write that a unique index may refuse; answers false when it did, so the handler can say
    /// which value is taken. Inside a command's transaction, the refused write rolls the command back.
    /// </summary>
    public async ValueTask<bool> TryExecuteUniqueAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var db = await ConnectionAsync(cancellationToken);
        try
        {
            await db.ExecuteAsync(Command(sql, parameters, cancellationToken));
            return true;
        }
        catch (DbException e) when (dialect.IsUniqueViolation(e))
        {
            return false;
        }
    }

    /// <summary>
    /// Writes many rows into one table inside the current transaction, the fastest way the database offers (<see cref="ISqlDialect.BulkInsertAsync"/>).
    /// No rows cost no statement: a COPY is two round trips to PostgreSQL.
    /// </summary>
    public async Task BulkInsertAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        using var row = rows.GetEnumerator();
        if (row.MoveNext())
        {
            await dialect.BulkInsertAsync(await ConnectionAsync(cancellationToken), transaction, table, columns, FromCurrent(row), cancellationToken);
        }
    }

    private static IEnumerable<object?[]> FromCurrent(IEnumerator<object?[]> row)
    {
        do
        {
            yield return row.Current;
        }
        while (row.MoveNext());
    }

    /// <summary>
    /// For a large write (an import of many thousand rows): on SQLite this scope's connection keeps up to 64 MB of
    /// pages in memory until the answer is disposed, so the indexes being written stay in memory instead of spilling
    /// to the log mid-transaction (it cut a 250,000-row observation insert from 7.0 s to 4.0 s); elsewhere nothing.
    /// </summary>
    public async ValueTask<IAsyncDisposable> WithLargeCacheAsync(CancellationToken cancellationToken)
    {
        if (factory.Provider != DatabaseProvider.Sqlite)
        {
            return NoCacheChange.Instance;
        }
        var db = await ConnectionAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition("PRAGMA cache_size = -65536", cancellationToken: cancellationToken));
        return new CacheRestore(db);
    }

    private sealed class NoCacheChange : IAsyncDisposable
    {
        public static readonly NoCacheChange Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class CacheRestore(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await connection.ExecuteAsync($"PRAGMA cache_size = {DbConnectionFactory.SqliteCachePages}");
    }

    /// <summary>Runs <paramref name="work"/> in a transaction, committed when it returns and rolled back when it throws. Nested calls join the outer transaction.</summary>
    public ValueTask<T> InTransactionAsync<T>(Func<CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) =>
        InTransactionAsync(work, commitWithLastCommand: false, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction, committed when it returns and rolled back when it throws. Nested
    /// calls join the outer transaction. With <paramref name="commitWithLastCommand"/>, the owner of the transaction
    /// says nothing follows the work's last command (<see cref="StatementBatch.ExecuteLastAsync"/>), which may then
    /// carry the COMMIT where the database takes one among a command's statements: a round trip fewer, on PostgreSQL
    /// about a fifth of a fold of observation batches under the load harness.
    /// </summary>
    public async ValueTask<T> InTransactionAsync<T>(Func<CancellationToken, ValueTask<T>> work, bool commitWithLastCommand, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            return await work(cancellationToken);
        }
        using var turn = await gate.TakeWriterTurnAsync(cancellationToken);
        var db = await ConnectionAsync(cancellationToken);
        transaction = await db.BeginTransactionAsync(cancellationToken);
        this.commitWithLastCommand = commitWithLastCommand;
        try
        {
            var result = await work(cancellationToken);
            if (!lastCommandSent || dialect.CommitInCommand is null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            return result;
        }
        catch
        {
            try
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
            catch (Exception rollback) when (rollback is DbException or InvalidOperationException)
            {
                // The connection broke (the server went away), taking the transaction with it: nothing to roll back,
                // and the failure that matters, which says why, is the one rethrown below.
            }
            throw;
        }
        finally
        {
            await transaction.DisposeAsync();
            transaction = null;
            (this.commitWithLastCommand, lastCommandSent) = (false, false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
