namespace DevRelHub.Data;

/// <summary>
/// SQLite lets one connection write at a time; writers that meet in the database wait in a sleep-and-retry
/// loop. Writers of this process that take the gate queue here instead, in order and without spinning.
/// On PostgreSQL and SQL Server the gate is open: row locks do the work there.
/// </summary>
public sealed class WriteGate(DatabaseOptions options)
{
    private readonly SemaphoreSlim? gate = options.Provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<Entered> EnterAsync(CancellationToken cancellationToken)
    {
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }
        return new Entered(gate);
    }

    public readonly struct Entered(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
