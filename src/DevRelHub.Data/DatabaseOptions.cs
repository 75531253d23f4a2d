using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace DevRelHub.Data;

/// <summary>Which database to use and how to reach it.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqliteFile = "data/devrelhub.db";

    /// <summary>Reads <c>Database:Provider</c> and <c>ConnectionStrings:DevRelHub</c>; SQLite defaults to a file under <c>data/</c>.</summary>
    public static DatabaseOptions FromConfiguration(IConfiguration configuration)
    {
        var provider = DatabaseProviderNames.Parse(configuration["Database:Provider"]);
        var connectionString = configuration.GetConnectionString("DevRelHub");
        return provider switch
        {
            DatabaseProvider.Sqlite => new(provider, SqliteConnectionString(connectionString)),
            _ when string.IsNullOrWhiteSpace(connectionString) => throw new DatabaseConfigurationException(
                $"Database:Provider is '{provider.ToString().ToLowerInvariant()}' but ConnectionStrings:DevRelHub is empty."),
            _ => new(provider, connectionString),
        };
    }

    private static string SqliteConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={DefaultSqliteFile}" : configured)
        {
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        };
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        return builder.ToString();
    }
}
