using System.Data.Common;

namespace DevRelHub.Data;

/// <summary>
/// Where the engine's writes get their connection. SQLite lets one connection write at a time; writers
/// that meet in the database wait in a sleep-and-retry loop. Writers of this process queue at the gate
/// instead, in order and without spinning, and write through one connection the gate keeps open, so a
/// short transaction pays no open, no pool lookup and no per-connection set-up. On PostgreSQL and SQL
/// Server nobody queues: each writer gets a pooled connection of its own and row locks do the work.
/// </summary>
public sealed class WriteGate(DatabaseOptions options, IDbConnectionFactory connections) : IAsyncDisposable
{
    private readonly SemaphoreSlim? gate = options.Provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;
    private DbConnection? writer;

    public async ValueTask<Writer> EnterAsync(CancellationToken cancellationToken)
    {
        if (gate is null)
        {
            var own = connections.Create();
            try
            {
                await own.OpenAsync(cancellationToken);
                return new Writer(own, null);
            }
            catch
            {
                await own.DisposeAsync();
                throw;
            }
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (writer is not { State: System.Data.ConnectionState.Open })
            {
                if (writer is not null)
                {
                    await writer.DisposeAsync();
                }
                writer = connections.Create();
                await writer.OpenAsync(cancellationToken);
            }
            return new Writer(writer, gate);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (writer is not null)
        {
            await writer.DisposeAsync();
        }
        gate?.Dispose();
    }

    /// <summary>An open connection to write through; disposing it hands the gate on (SQLite) or closes the connection (others).</summary>
    public readonly struct Writer(DbConnection connection, SemaphoreSlim? gate) : IAsyncDisposable
    {
        public DbConnection Connection { get; } = connection;

        public ValueTask DisposeAsync()
        {
            if (gate is null)
            {
                return Connection.DisposeAsync();
            }
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
