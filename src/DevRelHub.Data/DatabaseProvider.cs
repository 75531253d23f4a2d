namespace DevRelHub.Data;

/// <summary>The databases DevRelHub runs on, chosen by <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

public static class DatabaseProviderNames
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string SqlServer = "sqlserver";

    public static DatabaseProvider Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or Sqlite => DatabaseProvider.Sqlite,
        Postgres or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        SqlServer or "mssql" => DatabaseProvider.SqlServer,
        _ => throw new DatabaseConfigurationException(
            $"Database:Provider '{name}' is not supported. Use one of: {Sqlite}, {Postgres}, {SqlServer}."),
    };
}

/// <summary>The database configuration cannot be used; the message says what to change.</summary>
public sealed class DatabaseConfigurationException(string message) : Exception(message);
