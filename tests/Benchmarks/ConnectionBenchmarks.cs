using System.Diagnostics;
using System.Globalization;
using Dapper;
using DevRelHub.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Benchmarks;

/// <summary>
/// What the data layer adds to a request's pooled SQLite connection: <c>--opens</c> opens of a connection from the
/// pool with a one-row query, through the host's connection factory (whose settings are made once per pooled handle)
/// beside a bare connection of the same connection string, which runs nothing of the factory's. The factory's column
/// is the bare one's plus the look-up of its handle: about 1.0 when nothing is run again on a pooled open.
/// </summary>
internal static class ConnectionBenchmarks
{
    public static async Task RunAsync(Arguments args)
    {
        var opens = int.Parse(args.Get("--opens", "200000"), CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("devrelhub-connections-bench");
        try
        {
            await using var services = new ServiceCollection().AddLogging().AddDatabase(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:DevRelHub"] = $"Data Source={Path.Combine(folder.FullName, "bench.db")}",
            }).Build()).BuildServiceProvider();
            var database = services.GetRequiredService<DatabaseOptions>();
            var factory = services.GetRequiredService<IDbConnectionFactory>();
            await using (var setup = factory.Create())
            {
                await setup.ExecuteAsync("PRAGMA journal_mode = WAL; CREATE TABLE bench (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO bench (name) VALUES ('one')");
            }
            Console.WriteLine($"\nA pooled SQLite open and a one-row query, {opens:N0} times, µs each (the better of two rounds)\n");
            var bare = Rounds(() => new SqliteConnection(database.ConnectionString), opens);
            var host = Rounds(factory.Create, opens);
            Console.WriteLine($"{"bare connection",-28}{bare,8:0.0}");
            Console.WriteLine($"{"the host's factory",-28}{host,8:0.0}");
            Console.WriteLine($"{"factory / bare",-28}{host / bare,8:0.00}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static double Rounds(Func<System.Data.Common.DbConnection> create, int opens) =>
        Enumerable.Range(0, 2).Select(_ =>
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < opens; i++)
            {
                using var connection = create();
                connection.Open();
                using var query = connection.CreateCommand();
                query.CommandText = "SELECT name FROM bench WHERE id = 1";
                query.ExecuteScalar();
            }
            return Stopwatch.GetElapsedTime(started).TotalMicroseconds / opens;
        }).Min();
}
