using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using DevRelHub.Data;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Benchmarks;

/// <summary>
/// Metrics at the size the issue names: 2,000 activities and 10 million observations over three years, every one of
/// them brought in through the CSV import (so the import is timed on a table that grows to 10 million), then JSON
/// batches of 10,000 through the HTTP API, then the quarter summary and each breakdown read back from the rollup.
/// </summary>
internal static class MetricsBenchmarks
{
    private const int Runs = 15;
    private static readonly string[] Sources = ["YouTube", "Event organiser", "Blog analytics", "Podcast host"];
    private static readonly string[] Metrics = [.. Kpi.EyeballMetrics.Select(metric => metric.ToString())];

    public static async Task RunAsync(Arguments args)
    {
        var total = long.Parse(args.Get("--observations", "10000000"), CultureInfo.InvariantCulture);
        var activityCount = int.Parse(args.Get("--activities", "2000"), CultureInfo.InvariantCulture);
        var files = int.Parse(args.Get("--files", "10"), CultureInfo.InvariantCulture);
        // Days between a series' numbers: 30 gives the rollup of the full 10-million run (a row per series and month) from a thirtieth of the observations.
        var every = int.Parse(args.Get("--every", "1"), CultureInfo.InvariantCulture);
        var provider = args.Get("--provider", "sqlite");
        await using DevRelHubApp app = provider == "postgres" ? new PostgresApp() : new SqliteApp();
        await app.InitializeAsync();
        await app.StartAsync();

        var (activities, rates, lastFile) = await LoadAsync(app, provider, total, activityCount, files, every);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var json = await JsonBatchesAsync(app, activities, today);
        var quarter = Quarter.Current(TimeProvider.System).Previous;
        var reads = new List<(string Name, double Median)>
        {
            ("GetQuarterSummary", Timing.Median(() => app.SendAsync(new GetQuarterSummary(quarter)), Runs)),
        };
        foreach (var by in Enum.GetValues<BreakdownBy>())
        {
            reads.Add(($"GetBreakdown by {by}", Timing.Median(() => app.SendAsync(new GetBreakdown(quarter, by)), Runs)));
        }
        reads.Add(("ListActivityAwareness tag", Timing.Median(() => app.SendAsync(new ListActivityAwareness(quarter, BreakdownBy.Tag, "tag-3")), Runs)));
        reads.Add(("GetTrend 8 quarters", Timing.Median(() => app.SendAsync(new GetTrend(quarter)), Runs)));
        var summary = await app.SendAsync(new GetQuarterSummary(quarter));

        Console.WriteLine($"\nMetrics on {provider}, {rates.Sum(r => r.Rows):N0} observations ({lastFile} last file), {quarter} awareness {summary.Awareness:N0}\n");
        Console.WriteLine($"{"measure",-34}{"figure",18}  goal");
        var imported = rates.Sum(r => r.Rows) / rates.Sum(r => r.Seconds);
        Console.WriteLine($"{"CSV import, all files",-34}{imported,12:N0} rows/s  ≥ {(provider == "postgres" ? "50,000" : "150,000")}");
        Console.WriteLine($"{"CSV import, last file",-34}{rates[^1].Rows / rates[^1].Seconds,12:N0} rows/s");
        Console.WriteLine($"{"JSON batches of 10,000",-34}{json,12:N0} obs/s   ≥ 50,000");
        foreach (var (name, median) in reads)
        {
            Console.WriteLine($"{name,-34}{median,12:0.0} ms      {(name.StartsWith("GetBreakdown", StringComparison.Ordinal) ? "< 300" : name == "GetQuarterSummary" ? "< 100" : "")}");
        }
    }

    /// <summary>
    /// The activities and <paramref name="total"/> observations of them over the days before today, brought in through the CSV
    /// import in <paramref name="files"/> files (the last one imported twice); answers the rate of each file.
    /// </summary>
    internal static async Task<(Guid[] Activities, List<(string File, long Rows, double Seconds)> Rates, string? LastFile)> LoadAsync(
        DevRelHubApp app, string provider, long total, int activityCount, int files, int every)
    {
        var activities = await SeedActivitiesAsync(app, activityCount);
        var series = activities.Length * Metrics.Length;
        var days = (int)Math.Ceiling(total / (double)series) * every;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var firstDay = today.AddDays(-days + 1);
        Console.WriteLine($"{provider}: {activities.Length:N0} activities × {Metrics.Length} metrics = {series:N0} daily series over {days:N0} days ({firstDay:yyyy-MM-dd} to {today:yyyy-MM-dd}), {files} files");

        var rates = new List<(string File, long Rows, double Seconds)>();
        var daysPerFile = (int)Math.Ceiling(days / (double)files);
        string? lastFile = null;
        for (var file = 0; file < files; file++)
        {
            var from = firstDay.AddDays(file * daysPerFile);
            var to = DateOnly.FromDayNumber(Math.Min(from.AddDays(daysPerFile - 1).DayNumber, today.DayNumber));
            if (from > today)
            {
                break;
            }
            var (csv, rows) = Csv(activities, from, to, every);
            var started = Stopwatch.GetTimestamp();
            var result = await app.SendAsync(new ImportObservations($"day-{file}.csv", new MemoryStream(csv), "benchmark"));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"The generated file was refused: {result.Errors[0]}");
            }
            rates.Add(($"file {file + 1} ({from:yyyy-MM-dd}…)", rows, seconds));
            Console.WriteLine($"  imported {rows,10:N0} rows in {seconds,6:0.00} s = {rows / seconds,9:N0} rows/s (table now {rates.Sum(r => r.Rows):N0})");
            lastFile = $"{from:yyyy-MM-dd}";
            if (file == files - 1)
            {
                started = Stopwatch.GetTimestamp();
                var again = await app.SendAsync(new ImportObservations($"day-{file}.csv", new MemoryStream(csv), "benchmark"));
                var againSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                Console.WriteLine($"  re-imported the last file: {again.Unchanged:N0} unchanged in {againSeconds:0.00} s = {rows / againSeconds:N0} rows/s");
            }
        }

        return (activities, rates, lastFile);
    }

    /// <summary>Ten advocates, each with two specialties; the activities spread over three years, each with one of 20 tags.</summary>
    private static async Task<Guid[]> SeedActivitiesAsync(DevRelHubApp app, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var specialties = new[] { "Kubernetes,CiCd", "MayaData,Ecosystem", "MachineLearning" };
        var advocates = Enumerable.Range(0, 10).Select(i => new { Id = Guid.CreateVersion7(), Name = $"Advocate {i}", Email = $"advocate{i}@bench.test", Specialties = specialties[i % 3] })
            .ToArray();
        var activities = Enumerable.Range(0, count).Select(i => new
        {
            Id = Guid.CreateVersion7(), AdvocateId = advocates[i % advocates.Length].Id, Kind = ((DevRelHub.Advocacy.Contracts.ActivityKind)(i % 14)).ToString(),
            Title = $"Activity {i}", OccurredOn = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-(i * 1_095 / count)), CreatedAt = now, Tag = $"tag-{i % 20}",
        }).ToArray();
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var db = await session.ConnectionAsync(CancellationToken.None);
        await session.InTransactionAsync(async token =>
        {
            await db.ExecuteAsync(session.Command("INSERT INTO advocacy_advocate (id, display_name, email, specialties, created_at) VALUES (@Id, @Name, @Email, @Specialties, @CreatedAt)",
                advocates.Select(a => new { a.Id, a.Name, a.Email, a.Specialties, CreatedAt = now }), token));
            await db.ExecuteAsync(session.Command("INSERT INTO advocacy_activity (id, advocate_id, kind, title, occurred_on, url, created_at) VALUES (@Id, @AdvocateId, @Kind, @Title, @OccurredOn, NULL, @CreatedAt)",
                activities, token));
            await db.ExecuteAsync(session.Command("INSERT INTO advocacy_activity_tag (activity_id, tag) VALUES (@Id, @Tag)", activities, token));
            return 0;
        }, CancellationToken.None);
        return [.. activities.Select(a => a.Id)];
    }

    /// <summary>Every series' number for each day of the file; the YouTube views are running totals, the rest what happened that day.</summary>
    private static (byte[] Csv, long Rows) Csv(Guid[] activities, DateOnly from, DateOnly to, int every)
    {
        var text = new StringBuilder("subject_id,metric,value,observed_on,source,external_id,cumulative\n");
        long rows = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (day.DayNumber % every != 0)
            {
                continue;
            }
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (var a = 0; a < activities.Length; a++)
            {
                var source = Sources[a % Sources.Length];
                for (var m = 0; m < Metrics.Length; m++)
                {
                    var cumulative = m == 0 && source == "YouTube";
                    var value = cumulative ? (long)day.DayNumber * 10 + a : (a * 7 + m * 13 + day.DayNumber) % 500;
                    text.Append(activities[a].ToString("D")).Append(',').Append(Metrics[m]).Append(',').Append(value).Append(',').Append(date).Append(',')
                        .Append(source).Append(',').Append(a).Append('-').Append(Metrics[m]).Append(',').Append(cumulative ? "yes" : "no").Append('\n');
                    rows++;
                }
            }
        }
        return (Encoding.UTF8.GetBytes(text.ToString()), rows);
    }

    /// <summary>Ten batches of 10,000 new observations, posted as JSON arrays to the API as a client would.</summary>
    private static async Task<double> JsonBatchesAsync(DevRelHubApp app, Guid[] activities, DateOnly today)
    {
        var client = await app.ClientAsAsync(Roles.Admin);
        const int Batches = 10;
        var payloads = Enumerable.Range(0, Batches).Select(batch => JsonContent.Create(Enumerable.Range(0, RecordObservations.MaxBatch).Select(i => new
        {
            subjectId = activities[i % activities.Length], metric = "Impressions", value = i % 1_000, observedOn = today.AddDays(-(i / activities.Length) - batch * 5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            source = "LinkedIn", externalId = $"json-{i % activities.Length}",
        }).ToArray())).ToArray();
        foreach (var payload in payloads)
        {
            await payload.LoadIntoBufferAsync();
        }
        var started = Stopwatch.GetTimestamp();
        foreach (var payload in payloads)
        {
            var response = await client.PostAsync("/api/metrics/observations", payload);
            response.EnsureSuccessStatusCode();
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"  posted {Batches} JSON batches of {RecordObservations.MaxBatch:N0} in {seconds:0.00} s");
        return Batches * RecordObservations.MaxBatch / seconds;
    }
}
