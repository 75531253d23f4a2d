using DevRelHub.Host.Cli;
using UglyToad.PdfPig;

namespace DevRelHub.Host.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("devrelhub-cli-").FullName;

    private string[] Database => [$"--ConnectionStrings:DevRelHub=Data Source={Path.Combine(folder, "cli.db")}"];

    [Fact]
    public async Task Seed_then_report_writes_the_quarter_pdf_with_the_demo_totals()
    {
        var pdfFile = Path.Combine(folder, "q3.pdf");

        Assert.Equal(0, await CommandLine.RunAsync(["seed", .. Database]));
        Assert.Equal(0, await CommandLine.RunAsync(["report", "quarterly", "--quarter", "2026-Q3", "--out", pdfFile, .. Database]));

        using var pdf = PdfDocument.Open(pdfFile);
        var text = pdf.GetPage(1).Text;
        Assert.Contains("Quarterly report 2026-Q3", text, StringComparison.Ordinal);
        Assert.Contains("AWARENESS13,140eyeballs reached", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report", "quarterly", "--quarter", "2026-Q7")]
    [InlineData("report", "quarterly")]
    [InlineData("report", "yearly", "--quarter", "2026-Q3")]
    public async Task A_report_asked_for_wrongly_exits_2_and_writes_nothing(params string[] args)
    {
        Assert.Equal(2, await CommandLine.RunAsync([.. args, .. Database]));
        Assert.Empty(Directory.GetFiles(folder, "*.pdf"));
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("seed")]
    public async Task An_unknown_database_provider_exits_2_with_a_sentence_that_says_what_to_use(string verb)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, await CommandLine.RunAsync([verb, "--Database:Provider=oracle"]));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Contains("Configuration error: Database:Provider 'oracle' is not supported. Use one of: sqlite, postgres, sqlserver.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_taken_while_a_host_writes_restores_what_was_there_when_it_was_taken()
    {
        var backup = Path.Combine(folder, "backup.db");
        Assert.Equal(0, await CommandLine.RunAsync(["seed", .. Database]));
        var users = await CountAsync("SELECT COUNT(*) FROM identity_user");
        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                await ExecuteAsync("INSERT INTO metrics_target (quarter, kpi, advocate_id, value, set_by, set_at) VALUES ('2030-Q1', 'Awareness', randomblob(16), 1, 'writer', '2026-11-29')");
            }
        }, CancellationToken.None);

        var backedUp = await CommandLine.RunAsync(["backup", backup, .. Database]);
        await writing.CancelAsync();
        await writer;
        await ExecuteAsync("DELETE FROM identity_user");
        var restored = await CommandLine.RunAsync(["restore", backup, .. Database]);

        Assert.Equal((0, 0), (backedUp, restored));
        Assert.Equal(users, await CountAsync("SELECT COUNT(*) FROM identity_user"));
        Assert.Equal(1, await CommandLine.RunAsync(["backup", backup, .. Database]));
    }

    [Fact]
    public async Task Restoring_a_file_that_is_not_a_backup_exits_1_and_leaves_the_database_as_it_was()
    {
        var notABackup = Path.Combine(folder, "notes.db");
        await File.WriteAllTextAsync(notABackup, "not a database", TestContext.Current.CancellationToken);
        Assert.Equal(0, await CommandLine.RunAsync(["seed", .. Database]));
        var users = await CountAsync("SELECT COUNT(*) FROM identity_user");

        Assert.Equal(1, await CommandLine.RunAsync(["restore", notABackup, .. Database]));
        Assert.Equal(1, await CommandLine.RunAsync(["restore", Path.Combine(folder, "missing.db"), .. Database]));
        Assert.Equal(users, await CountAsync("SELECT COUNT(*) FROM identity_user"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "cli.db")}");
        await db.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "cli.db")};Default Timeout=30");
        await db.OpenAsync(CancellationToken.None);
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Help_exits_0()
    {
        Assert.Equal(0, await CommandLine.RunAsync(["--help"]));
    }

    [Fact]
    public async Task Import_metrics_stores_a_file_once_and_names_the_bad_lines_of_another()
    {
        Assert.Equal(0, await CommandLine.RunAsync(["seed", .. Database]));
        string activity;
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "cli.db")}"))
        {
            await db.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT id FROM advocacy_activity ORDER BY title LIMIT 1";
            activity = (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }
        var good = Path.Combine(folder, "good.csv");
        var bad = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(good, $"subject_id,metric,value,observed_on,source\n{activity},Views,120,2026-09-01,YouTube\n{activity},Views,80,2026-09-02,YouTube\n",
            TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(bad, $"subject_id,metric,value,observed_on\n{activity},Views,1,2026-09-03\n{activity},Views,many,2026-09-04\n", TestContext.Current.CancellationToken);
        var (output, errors) = (new StringWriter(), new StringWriter());
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(errors);
        try
        {
            Assert.Equal(0, await CommandLine.RunAsync(["import", "metrics", good, .. Database]));
            Assert.Equal(0, await CommandLine.RunAsync(["import", "metrics", good, .. Database]));
            Assert.Equal(1, await CommandLine.RunAsync(["import", "metrics", bad, .. Database]));
            Assert.Equal(2, await CommandLine.RunAsync(["import", "metrics", Path.Combine(folder, "missing.csv"), .. Database]));
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        Assert.Contains("Imported 2 observations", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("2 new, 0 corrected, 0 already there", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("0 new, 0 corrected, 2 already there", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{bad}:3 (value): 'many' is not a whole number", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("100 %", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("there is no file", errors.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
