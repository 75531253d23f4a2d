using System.Data.Common;
using Dapper;
using DevRelHub.Data;

namespace DevRelHub.Workflows.Runtime;

/// <summary>
/// Where a module's SQL runs: inside the engine's transaction (an activity, or work added to a start or resume)
/// or in the request's <see cref="DbSession"/>. The same statements serve both, so a row written by an activity
/// and one written by a command are the same rows.
/// </summary>
public readonly struct Sql(DbConnection connection, Func<string, object?, CommandDefinition> command)
{
    public static Sql Of(IWorkflowTransaction transaction) => new(transaction.Connection, transaction.Command);

    public static async ValueTask<Sql> OfAsync(DbSession session, CancellationToken cancellationToken) =>
        new(await session.ConnectionAsync(cancellationToken), (sql, parameters) => session.Command(sql, parameters, cancellationToken));

    public Task<int> ExecuteAsync(string sql, object? parameters = null) => connection.ExecuteAsync(command(sql, parameters));

    public Task<T?> ScalarAsync<T>(string sql, object? parameters = null) => connection.ExecuteScalarAsync<T>(command(sql, parameters));

    public Task<T?> SingleOrDefaultAsync<T>(string sql, object? parameters = null) => connection.QuerySingleOrDefaultAsync<T>(command(sql, parameters));

    /// <summary>Several queries in one command, one round trip; their results are read in order.</summary>
    public Task<SqlMapper.GridReader> QueryMultipleAsync(string sql, object? parameters = null) => connection.QueryMultipleAsync(command(sql, parameters));

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null) => [.. await connection.QueryAsync<T>(command(sql, parameters))];
}
