using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the connection factory, the SQL dialect, the per-scope <see cref="DbSession"/> and the migrator for the configured provider.</summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        TypeHandlers.Register();
        // Read when first needed rather than now, so hosts and tests can still change the configuration after registration.
        services.AddSingleton(_ => DatabaseOptions.FromConfiguration(configuration));
        services.AddSingleton<IDbConnectionFactory, DbConnectionFactory>();
        services.AddSingleton<ISqlDialect>(provider => provider.GetRequiredService<DatabaseOptions>().Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteDialect(),
            DatabaseProvider.Postgres => new PostgresDialect(),
            _ => new SqlServerDialect(),
        });
        services.AddSingleton<WriteGate>();
        services.AddScoped<DbSession>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<ScopedSender>();
        return services;
    }
}
