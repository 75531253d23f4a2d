using Dapper;
using DevRelHub.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DevRelHub.Host.Api;

/// <summary>Healthy when the database answers. Migrations run before the host listens, so a 200 also means they ran.</summary>
internal sealed class DatabaseHealthCheck(IDbConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = connections.Create();
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{connections.Provider} answers.");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{connections.Provider} does not answer: {e.Message}");
        }
    }
}
