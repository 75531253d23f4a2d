using System.Data.Common;
using Dapper;
using DevRelHub.Data;

namespace DevRelHub.Workflows.Runtime;

/// <summary>One engine write: its own connection and transaction, so a run that lost a race can be retried from the start.</summary>
internal sealed class WorkflowTransaction(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
{
    public DbConnection Connection { get; } = connection;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public CommandDefinition Command(string sql, object? parameters) => new(sql, parameters, transaction, cancellationToken: CancellationToken);

    /// <summary>A plain command in this transaction, for hot statements that bind their parameters by hand; compiled once per SQLite writer connection.</summary>
    public StatementCache.Lease CreateCommand(string sql) => StatementCache.Command(Connection, transaction, sql);

    public static async Task<T> RunAsync<T>(WriteGate gate, int retries, Func<WorkflowTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await gate.WriteAsync((connection, transaction, token) => work(new WorkflowTransaction(connection, transaction, token)), cancellationToken);
            }
            catch (InstanceChangedException) when (attempt < retries)
            {
            }
        }
    }
}

/// <summary>Another writer saved the instance between this run's read and its write; the run starts again.</summary>
internal sealed class InstanceChangedException(Guid instanceId)
    : ConflictException($"Workflow instance {instanceId} kept changing under this request; nothing was changed, try again.");
