using DevRelHub.Data;
using DevRelHub.Host.Seeding;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Reports.Quarterly;
using Mediator;

namespace DevRelHub.Host.Cli;

/// <summary>The verbs of the one executable: serve (the default), migrate, seed, report, import, backup, restore.</summary>
internal static class CommandLine
{
    public const string Usage = """
        DevRel Hub

        Usage:
          DevRelHub.Host [--no-demo] [ASP.NET Core options]   serve the UI and API (http://localhost:5080)
          DevRelHub.Host migrate                              bring the database to the newest migration
          DevRelHub.Host seed                                 migrate, then seed the demo data into an empty database
          DevRelHub.Host report quarterly --quarter 2026-Q3 --out q3.pdf
                                                              write the quarterly report as a PDF
          DevRelHub.Host import metrics FILE                  import observations from a CSV file (columns in the README)
          DevRelHub.Host backup FILE                          copy the SQLite database into a new FILE while it serves
          DevRelHub.Host restore FILE                         replace the SQLite database with a backup (stop the hosts first)
          DevRelHub.Host --help                               show this text

        Options:
          --no-demo          do not seed demo users and data on first start (production)

        Configuration (appsettings.json, environment DEVRELHUB_..., or --key=value):
          Database:Provider              sqlite (default), postgres or sqlserver
          ConnectionStrings:DevRelHub    connection string; SQLite defaults to data/devrelhub.db
        """;

    private static readonly HashSet<string> Verbs = ["migrate", "seed", "report", "import", "backup", "restore"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help" or "-h" or "help", ..])
        {
            Console.WriteLine(Usage);
            return 0;
        }
        try
        {
            return args is [var verb, ..] && Verbs.Contains(verb)
                ? await RunVerbAsync(verb, args[1..])
                : await ServeAsync(args);
        }
        catch (DatabaseConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {e.Message}");
            return 2;
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n\n{Usage}");
            return 2;
        }
    }

    private static async Task<int> ServeAsync(string[] args)
    {
        var options = args.Select(arg => arg == "--no-demo" ? "--Seed:Demo=false" : arg).ToArray();
        var builder = WebApplication.CreateBuilder(options);
        FailFastOnDatabaseConfiguration(builder.Configuration);
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.AddDevRelHub();
        var app = builder.Build();
        app.MapDevRelHub();
        await app.RunAsync();
        return 0;
    }

    private static async Task<int> RunVerbAsync(string verb, string[] options)
    {
        var builder = WebApplication.CreateBuilder(options.Where(option => option.Contains('=')).ToArray());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        FailFastOnDatabaseConfiguration(builder.Configuration);
        builder.AddDevRelHub();
        await using var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        switch (verb)
        {
            case "migrate":
                Console.WriteLine("The database is at the newest migration.");
                return 0;
            case "seed":
                var seeded = await app.Services.GetRequiredService<DemoData>().SeedAsync(CancellationToken.None);
                Console.WriteLine(seeded ? $"Seeded the demo data; every demo user's password is {DemoData.Password}." : "The database already has users; nothing seeded.");
                return 0;
            case "import":
                return await ImportAsync(app.Services, options);
            case "backup" or "restore":
                return await BackupOrRestoreAsync(verb, app.Services, options);
            default:
                return await ReportAsync(app.Services, options);
        }
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string[] options)
    {
        if (options is not ["metrics", var path, ..] || path.StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException("import: say what and from which file, e.g. import metrics observations.csv");
        }
        if (!File.Exists(path))
        {
            throw new UsageException($"import metrics: there is no file {path}.");
        }
        await using var scope = services.CreateAsyncScope();
        await using var file = File.OpenRead(path);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>()
            .Send(new ImportObservations(Path.GetFileName(path), file, "command line", new ConsoleProgressBar(Console.Error)));
        await Console.Error.WriteLineAsync();
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync($"{path}:{error.Line}{(error.Column is null ? "" : $" ({error.Column})")}: {error.Reason}");
            }
            await Console.Error.WriteLineAsync($"Nothing was imported: {result.Errors.Select(error => error.Line).Distinct().Count():N0} line(s) have problems.");
            return 1;
        }
        Console.WriteLine($"Imported {result.Lines:N0} observations from {path} in {started.Elapsed.TotalSeconds:N1} s: " +
            $"{result.Inserted:N0} new, {result.Updated:N0} corrected, {result.Unchanged:N0} already there.");
        return 0;
    }

    private static async Task<int> BackupOrRestoreAsync(string verb, IServiceProvider services, string[] options)
    {
        if (options is not [var file, ..] || file.StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException($"{verb}: say which file, e.g. {verb} devrelhub-backup.db");
        }
        var database = services.GetRequiredService<DatabaseOptions>();
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new UsageException($"{verb}: the database is {database.Provider}; back it up with its own tools (pg_dump, BACKUP DATABASE), as the README says.");
        }
        try
        {
            if (verb == "backup")
            {
                var bytes = await SqliteBackup.BackupAsync(database, file);
                Console.WriteLine($"Backed up the database into {Path.GetFullPath(file)} ({bytes:N0} bytes); its integrity check passed.");
                return 0;
            }
            await SqliteBackup.RestoreAsync(database, file);
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            Console.WriteLine($"Restored the database from {Path.GetFullPath(file)} and brought it to the newest migration.");
            return 0;
        }
        catch (BackupException e)
        {
            await Console.Error.WriteLineAsync($"{verb}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> ReportAsync(IServiceProvider services, string[] options)
    {
        if (options is not ["quarterly", ..])
        {
            throw new UsageException("report: say which report, e.g. report quarterly --quarter 2026-Q3 --out q3.pdf");
        }
        var quarterText = Option(options, "--quarter") ?? throw new UsageException("report quarterly: --quarter is required, e.g. --quarter 2026-Q3");
        if (!Quarter.TryParse(quarterText, null, out var quarter))
        {
            throw new UsageException($"report quarterly: '{quarterText}' is not a quarter; write it as 2026-Q3.");
        }
        var output = Option(options, "--out") ?? $"devrelhub-{quarter}.pdf";
        await using var scope = services.CreateAsyncScope();
        var pdf = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RenderQuarterlyReport(quarter));
        await File.WriteAllBytesAsync(output, pdf);
        Console.WriteLine($"Wrote the {quarter} report to {Path.GetFullPath(output)} ({pdf.Length:N0} bytes).");
        return 0;
    }

    // A configuration mistake is reported as one sentence before anything starts, not as a start-up stack trace.
    private static void FailFastOnDatabaseConfiguration(IConfiguration configuration) => DatabaseOptions.FromConfiguration(configuration);

    private static string? Option(string[] options, string name)
    {
        var index = Array.IndexOf(options, name);
        return index >= 0 && index + 1 < options.Length ? options[index + 1] : null;
    }

    private sealed class UsageException(string message) : Exception(message);
}
