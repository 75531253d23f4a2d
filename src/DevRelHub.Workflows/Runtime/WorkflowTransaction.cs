using System.Data.Common;
using Dapper;
using DevRelHub.Data;

namespace DevRelHub.Workflows.Runtime;

/// <summary>
/// The transaction an engine write runs in, as a module sees it from an activity or from the work it adds to a
/// start, resume or cancel: what it writes here is stored with the instance, or not at all. The engine may run
/// the whole write again from the start when it lost a race, so such work must only read and write the database.
/// </summary>
public interface IWorkflowTransaction
{
    DbConnection Connection { get; }

    CancellationToken CancellationToken { get; }

    /// <summary>A Dapper command in this transaction.</summary>
    CommandDefinition Command(string sql, object? parameters);
}

/// <summary>One engine write: its own connection and transaction, so a run that lost a race can be retried from the start.</summary>
internal sealed class WorkflowTransaction(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) : IWorkflowTransaction
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
