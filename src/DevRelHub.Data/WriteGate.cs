using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Dapper;

namespace DevRelHub.Data;

/// <summary>
/// Runs short write transactions of the engine. On PostgreSQL and SQL Server each gets a pooled connection
/// and a transaction of its own; row locks keep concurrent writers apart.
/// <para>
/// SQLite has one writer at a time, and most of a small transaction's cost is its commit. So writes queue
/// here and one loop runs them through one open connection, as many as are waiting in one transaction
/// (group commit): each in a savepoint of its own, so one that fails rolls back alone, and each caller's
/// task completes only once the transaction holding its write has committed. A write therefore waits
/// for neither a sleep-and-retry loop nor a disk sync per statement, and nothing is acknowledged that
/// is not stored.
/// </para>
/// <para>
/// Commands write through their own scope's connection (<see cref="DbSession.InTransactionAsync{T}"/>). On SQLite they
/// and this loop take turns through <see cref="TakeWriterTurnAsync"/> before they begin: SQLite would make them take
/// turns anyway, but a connection that finds the file locked is retried by Microsoft.Data.Sqlite after a 150 ms
/// <c>Thread.Sleep</c>, which under load stalls the waiting request and starves the thread pool that every other
/// request needs. Waiting here costs neither.
/// </para>
/// <para>
/// No connection checkpoints the write-ahead log as it commits (<see cref="DbConnectionFactory"/> turns SQLite's own
/// checkpoint off below <see cref="WalSizeLimit"/>): a checkpoint syncs the log and the database file, and a commit that
/// runs one holds the writer turn, and every write queued behind it, until both are on disk. Every write takes the
/// writer turn, so the turn counts them: after a hundred, at most once a second, a second connection copies the log
/// back in the background, passively. That copy never catches up with writers that keep writing, so the log would only
/// grow: the same connection then takes the writer turn and copies the few pages written meanwhile, and the next write
/// starts the log over.
/// </para>
/// </summary>
public sealed class WriteGate(DatabaseOptions options, IDbConnectionFactory connections) : IAsyncDisposable
{
    private const int MaxBatch = 64;
    private const int WritesPerCheckpoint = 100;

    /// <summary>
    /// The size a write-ahead log that grew under a burst of writes is cut back to when it starts over, and beyond which
    /// a commit checkpoints it itself: a burst the background copy cannot keep up with, or one large import.
    /// </summary>
    internal const long WalSizeLimit = 64L << 20;

    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    // Read and written only by the holder of the writer turn.
    private long lastCheckpoint;
    private int writesSinceCheckpoint;
    private readonly SemaphoreSlim checkpointDue = new(0, 1);
    private readonly CancellationTokenSource stopping = new();
    private Task? checkpointer;
    private readonly Channel<Write> queue = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock startLock = new();
    private readonly SemaphoreSlim sqliteWriter = new(1, 1);
    private Task? loop;

    /// <summary>How long a command waits for its turn to write before it is answered "database is locked".</summary>
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On SQLite, waits without blocking a thread until no other writer of this process is in a transaction, and
    /// holds the turn until the answer is disposed; elsewhere answers at once (row locks keep writers apart there).
    /// </summary>
    public async ValueTask<WriterTurn> TakeWriterTurnAsync(CancellationToken cancellationToken)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return default;
        }
        StartOnce(ref checkpointer, CheckpointLoopAsync);
        if (!await sqliteWriter.WaitAsync(TurnTimeout, cancellationToken))
        {
            throw Locked();
        }
        return new WriterTurn(this);
    }

    /// <summary>Gives the writer turn back, and counts the write it was taken for towards the next checkpoint.</summary>
    private void EndTurn()
    {
        if (++writesSinceCheckpoint >= WritesPerCheckpoint && Stopwatch.GetElapsedTime(lastCheckpoint) >= CheckpointInterval)
        {
            (writesSinceCheckpoint, lastCheckpoint) = (0, Stopwatch.GetTimestamp());
            if (checkpointDue.CurrentCount == 0)
            {
                checkpointDue.Release();
            }
        }
        sqliteWriter.Release();
    }

    private static Microsoft.Data.Sqlite.SqliteException Locked() =>
        new($"database is locked: another write of this host held it for {TurnTimeout.TotalSeconds:N0} s.", 5);

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            await using var connection = connections.Create();
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        StartOnce(ref loop, RunLoopAsync);
        var write = new Write<T>(work, cancellationToken);
        await queue.Writer.WriteAsync(write, cancellationToken);
        return await write.Result;
    }

    /// <summary>
    /// A write of one statement, atomic on its own: on PostgreSQL and SQL Server it runs on a pooled connection without
    /// a transaction (<paramref name="work"/> gets none), one round trip where BEGIN, the statement and COMMIT took two;
    /// on SQLite it joins the loop's transaction as <see cref="WriteAsync{T}"/> does. The outbox marks each mail it sent
    /// this way: on PostgreSQL its BEGIN, UPDATE and COMMIT were a tenth of the load harness's statements.
    /// </summary>
    public async Task<T> WriteOneAsync<T>(Func<DbConnection, DbTransaction?, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            return await WriteAsync(work, cancellationToken);
        }
        await using var connection = connections.Create();
        await connection.OpenAsync(cancellationToken);
        return await work(connection, null, cancellationToken);
    }

    /// <summary>Starts <paramref name="run"/> in <paramref name="task"/> unless it has started.</summary>
    private void StartOnce(ref Task? task, Func<Task> run)
    {
        if (task is not null)
        {
            return;
        }
        lock (startLock)
        {
            task ??= Task.Run(run, CancellationToken.None);
        }
    }

    private async Task RunLoopAsync()
    {
        DbConnection? connection = null;
        var batch = new List<Write>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var write))
                {
                    batch.Add(write);
                }
                try
                {
                    if (connection is not { State: System.Data.ConnectionState.Open })
                    {
                        if (connection is not null)
                        {
                            await connection.DisposeAsync();
                        }
                        connection = connections.Create();
                        await connection.OpenAsync();
                    }
                    using (await TakeWriterTurnAsync(CancellationToken.None))
                    {
                        await RunBatchAsync(connection, batch);
                    }
                }
                catch (Exception e)
                {
                    // The batch's transaction is lost (a failed commit, a broken connection): every write in it
                    // fails, and the next batch starts on a fresh connection, so the loop itself never dies.
                    foreach (var write in batch)
                    {
                        write.Fail(e);
                    }
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Copies the log back into the database whenever the writer turn says enough has accumulated: first alongside the
    /// writes, then the rest holding the turn, when no command of this host is mid-transaction, so that the next write
    /// starts the log over. Stops when the gate is disposed.
    /// </summary>
    private async Task CheckpointLoopAsync()
    {
        await using var connection = connections.Create();
        await connection.OpenAsync();
        try
        {
            while (true)
            {
                await checkpointDue.WaitAsync(stopping.Token);
                // The turn is taken here, not through TakeWriterTurnAsync: a checkpoint is not a write to count.
                if (!await TryCheckpointAsync(connection) || !await sqliteWriter.WaitAsync(TurnTimeout, stopping.Token))
                {
                    continue;
                }
                try
                {
                    await TryCheckpointAsync(connection);
                }
                finally
                {
                    sqliteWriter.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: the last connection to close checkpoints the log anyway.
        }
    }

    /// <summary>
    /// Copies the log back into the database, passively; false when it cannot now (another checkpoint is running),
    /// which leaves the log longer until the next one catches up. Run in the background, and by the write loop to
    /// finish what the background one could not while writes went on.
    /// </summary>
    private static async Task<bool> TryCheckpointAsync(DbConnection connection)
    {
        try
        {
            await connection.ExecuteAsync("PRAGMA wal_checkpoint(PASSIVE);");
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    private static async Task RunBatchAsync(DbConnection connection, List<Write> batch)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var succeeded = new List<Write>(batch.Count);
        foreach (var write in batch)
        {
            if (write.CancellationToken.IsCancellationRequested)
            {
                write.Fail(new OperationCanceledException(write.CancellationToken));
                continue;
            }
            await transaction.SaveAsync("write");
            try
            {
                await write.RunAsync(connection, transaction);
                await transaction.ReleaseAsync("write");
                succeeded.Add(write);
            }
            catch (Exception e)
            {
                await transaction.RollbackAsync("write");
                write.Fail(e);
            }
        }
        await transaction.CommitAsync();
        foreach (var write in succeeded)
        {
            write.Complete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (loop is not null)
        {
            await loop;
        }
        await stopping.CancelAsync();
        if (checkpointer is not null)
        {
            await checkpointer;
        }
        stopping.Dispose();
        checkpointDue.Dispose();
    }

    /// <summary>A turn to write, given back when disposed.</summary>
    public readonly struct WriterTurn(WriteGate? gate) : IDisposable
    {
        public void Dispose() => gate?.EndTurn();
    }

    private abstract class Write(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract Task RunAsync(DbConnection connection, DbTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class Write<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        : Write(cancellationToken)
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Task<T> Result => completion.Task;

        public override async Task RunAsync(DbConnection connection, DbTransaction transaction) =>
            result = await work(connection, transaction, CancellationToken);

        public override void Complete() => completion.TrySetResult(result!);

        public override void Fail(Exception exception) => completion.TrySetException(exception);
    }
}
