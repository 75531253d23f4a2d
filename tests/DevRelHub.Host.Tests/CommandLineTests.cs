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
        Assert.Contains("DevRel Hub quarterly report 2026-Q3", text, StringComparison.Ordinal);
        Assert.Contains("Awareness (eyeballs reached)13,140", text, StringComparison.Ordinal);
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
    public async Task Help_exits_0()
    {
        Assert.Equal(0, await CommandLine.RunAsync(["--help"]));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
