using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DevRelHub.Data;

/// <summary>Opens connections to the configured database.</summary>
public interface IDbConnectionFactory
{
    DatabaseProvider Provider { get; }

    DbConnection Create();
}

internal sealed class DbConnectionFactory(DatabaseOptions options) : IDbConnectionFactory
{
    public DatabaseProvider Provider => options.Provider;

    public DbConnection Create() => options.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(options.ConnectionString),
        DatabaseProvider.Postgres => new NpgsqlConnection(options.ConnectionString),
        DatabaseProvider.SqlServer => new SqlConnection(options.ConnectionString),
        _ => throw new DatabaseConfigurationException($"No connection for provider {options.Provider}."),
    };
}
