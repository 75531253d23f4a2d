using System.Diagnostics;
using System.Globalization;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Reports.Pdf;
using DevRelHub.Reports.Pdf.Layout;
using DevRelHub.Reports.Quarterly;
using DevRelHub.Testing;

namespace DevRelHub.Benchmarks;

/// <summary>
/// The PDF engine and the quarterly report: a table document of some 50 pages laid out and written (pages per second);
/// the report of the demo data's quarter from figures already gathered, and with its queries; the report with its
/// queries on a large generated metrics set (the metrics benchmark's data).
/// </summary>
internal static class ReportBenchmarks
{
    private const int Runs = 15;
    private static readonly DateTimeOffset Fixed = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(Arguments args)
    {
        var provider = args.Get("--provider", "sqlite");
        var pages = int.Parse(args.Get("--pages", "50"), CultureInfo.InvariantCulture);
        var total = long.Parse(args.Get("--observations", "10000000"), CultureInfo.InvariantCulture);
        var every = int.Parse(args.Get("--every", "1"), CultureInfo.InvariantCulture);

        var (tablePages, layout) = TableDocument(pages);
        var demoQuarter = new Quarter(2026, 3);
        double warm, demo;
        int demoPages;
        await using (DevRelHubApp app = provider == "postgres" ? new PostgresApp() : new SqliteApp())
        {
            await app.InitializeAsync();
            await app.StartAsync();
            await app.SeedDemoAsync();
            var figures = await app.SendAsync(new GatherQuarterlyFigures(demoQuarter));
            warm = Timing.Median(() => Task.FromResult(QuarterlyReportDocument.Compose(figures, Fixed).Render()), Runs);
            demo = Timing.Median(() => app.SendAsync(new RenderQuarterlyReport(demoQuarter)), Runs);
            demoPages = PageCount(await app.SendAsync(new RenderQuarterlyReport(demoQuarter)));
        }

        double large;
        long observations;
        int largePages;
        Quarter largeQuarter;
        await using (DevRelHubApp app = provider == "postgres" ? new PostgresApp() : new SqliteApp())
        {
            await app.InitializeAsync();
            await app.StartAsync();
            var (_, rates, _) = await MetricsBenchmarks.LoadAsync(app, provider, total, 2_000, 10, every);
            observations = rates.Sum(rate => rate.Rows);
            largeQuarter = Quarter.Current(TimeProvider.System).Previous;
            var quarter = largeQuarter;
            large = Timing.Median(() => app.SendAsync(new RenderQuarterlyReport(quarter)), 5);
            largePages = PageCount(await app.SendAsync(new RenderQuarterlyReport(quarter)));
        }

        Console.WriteLine($"\nReports on {provider}\n");
        Console.WriteLine($"{"measure",-60}{"figure",16}  goal");
        Console.WriteLine($"{$"table document, {tablePages} pages, layout and PDF",-60}{tablePages / (layout / 1000),10:N0} pages/s  ≥ 200 ({layout:0.0} ms)");
        Console.WriteLine($"{$"quarterly report {demoQuarter} of the demo data, figures gathered ({demoPages} pages)",-60}{warm,13:0.0} ms  < 150");
        Console.WriteLine($"{$"quarterly report {demoQuarter} of the demo data, with its queries",-60}{demo,13:0.0} ms");
        Console.WriteLine($"{$"quarterly report {largeQuarter}, {observations:N0} observations ({largePages} pages)",-60}{large,13:0.0} ms  < 1,000");
    }

    /// <summary>A title and one long table with a header repeated on every page, about <paramref name="pages"/> pages: median milliseconds to build, lay out and write it.</summary>
    private static (int Pages, double Milliseconds) TableDocument(int pages)
    {
        var rows = pages * 36;
        byte[] Render()
        {
            var table = new Table(TableColumn.Fixed(40, TextAlign.Right), TableColumn.Weighted(4), TableColumn.Weighted(2), TableColumn.Weighted(1.5f, TextAlign.Right))
                .Header("#", "Activity", "Advocate", "Awareness");
            for (var i = 1; i <= rows; i++)
            {
                table.Row(i.ToString(CultureInfo.InvariantCulture), $"Activity {i}: stateful workloads on Kubernetes", $"Advocate {i % 10}", (i * 37).ToString("N0", CultureInfo.InvariantCulture));
            }
            return new PdfDocument(new DocumentInfo("Layout benchmark", "DevRel Hub", "Tables", Fixed)).Add("Every activity", TextStyle.Heading).Add(table).Render();
        }
        var count = PageCount(Render());
        return (count, Timing.Median(() => Task.FromResult(Render()), Runs));
    }

    private static int PageCount(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]");
}
