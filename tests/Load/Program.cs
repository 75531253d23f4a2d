using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DevRelHub.Testing.Processes;

// A load harness on loopback: starts the host as a child process (SQLite in a temp folder, demo data seeded, or
// PostgreSQL with --postgres CONNECTION, where --hosts N starts N hosts on the one database and spreads the clients over
// them round-robin), signs in the clients, takes P candidates to the panel presentation for the panelists to score, and
// waits for the outbox to send the mail that queued, and runs a mix of reads and writes for W seconds unmeasured (the
// host's JIT finishing its work), then D seconds measured; a run of two minutes or more prints the host's memory at the
// end of each minute. P is 70 for each second of the mix, warm-up included, unless --panels says: every third scorecard
// closes a panel, scorecards are a twentieth of the mix, and the mix has run at up to 3,500 requests a second here.
//   dotnet run -c Release --project tests/Load -- [--clients 50] [--warmup 30] [--seconds 60] [--panels P] [--postgres "Host=…;Database=…" [--hosts 3]]
var clients = int.Parse(Option("--clients", "50"), CultureInfo.InvariantCulture);
var warmup = int.Parse(Option("--warmup", "30"), CultureInfo.InvariantCulture);
var seconds = int.Parse(Option("--seconds", "60"), CultureInfo.InvariantCulture);
const int PanelsPerSecondOfMix = 70;
var panelOption = Option("--panels", "");
var panelCount = panelOption.Length > 0 ? int.Parse(panelOption, CultureInfo.InvariantCulture) : PanelsPerSecondOfMix * (warmup + seconds);
var postgres = Option("--postgres", "");
var hostCount = int.Parse(Option("--hosts", "1"), CultureInfo.InvariantCulture);
if (hostCount > 1 && postgres.Length == 0)
{
    Console.Error.WriteLine("--hosts needs --postgres: several hosts share one PostgreSQL database.");
    return 2;
}
var folder = Directory.CreateTempSubdirectory("devrelhub-load-").FullName;
string[] database = postgres.Length > 0
    ? ["--Database:Provider=postgres", $"--ConnectionStrings:DevRelHub={postgres}"]
    : [$"--ConnectionStrings:DevRelHub=Data Source={Path.Combine(folder, "load.db")}"];
var hosts = Enumerable.Range(0, hostCount)
    .Select(_ => new HostProcess([.. database, "--Identity:SignInAttemptsPerMinute=100000", "--Logging:LogLevel:Default=Warning", $"--Workflows:Outbox:Directory={folder}"], "Production"))
    .ToArray();
try
{
    // The first host migrates and seeds; the others join the database it made.
    await hosts[0].StartAsync();
    await Task.WhenAll(hosts.Skip(1).Select(host => host.StartAsync()));
    var sessions = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => DemoUsers.ClientAsync(hosts[i % hosts.Length].BaseAddress)));
    var admin = sessions[0];
    var quarter = QuarterOf(DateTime.UtcNow.AddMonths(-3));
    var applications = await admin.GetFromJsonAsync<JsonElement[]>("/api/hiring/applications") ?? [];
    var board = applications.First().GetProperty("openingId").GetGuid();
    var candidates = applications.Select(application => application.GetProperty("candidateId").GetGuid()).Distinct().ToArray();
    var activities = (await admin.GetFromJsonAsync<JsonElement>("/api/advocacy/activities?pageSize=100")).GetProperty("items").EnumerateArray()
        .Select(activity => activity.GetProperty("id").GetGuid()).ToArray();
    var team = await Task.WhenAll(new[] { "recruiter", "manager", "panelist1", "panelist2", "panelist3" }
        .Select((user, i) => DemoUsers.ClientAsync(hosts[i % hosts.Length].BaseAddress, $"{user}@devrelhub.test")));
    var preparing = Stopwatch.StartNew();
    var (scorecards, attributes) = await PanelsAsync(team[0], team[1], team[2], panelCount);
    Console.WriteLine($"{panelCount:N0} candidates taken to the panel presentation in {preparing.Elapsed.TotalSeconds:0} s");
    // The preparation queued the mail of every step it took (six a candidate) faster than the host sends it: a server
    // would have sent it long before, so the mix starts once it is out (16 s after 6,000 candidates on PostgreSQL) and
    // measures the delivery of its own mail only.
    var (sent, last) = await OutboxSentAsync(folder);
    Console.WriteLine($"{sent:N0} mails sent by then, the last of them {last.TotalSeconds:0} s later");
    var operations = new (string Name, int Weight, Func<HttpClient, Random, Task<HttpResponseMessage>> Send)[]
    {
        ("board (GET applications)", 25, (client, _) => client.GetAsync($"/api/hiring/applications?openingId={board}")),
        ("candidate page (GET candidate)", 15, (client, random) => client.GetAsync($"/api/hiring/candidates/{candidates[random.Next(candidates.Length)]}")),
        ("activity list (GET activities)", 25, (client, _) => client.GetAsync("/api/advocacy/activities?page=1&pageSize=50")),
        ("observation batch (POST 10)", 20, (client, random) => client.PostAsJsonAsync("/api/metrics/observations", ObservationBatch(activities, random))),
        ("quarter summary (GET)", 15, (client, _) => client.GetAsync($"/api/metrics/quarters/{quarter}/summary")),
        // A director scores a panel; the third scorecard closes it and moves the candidate on.
        ("scorecard (POST)", 5, (_, _) => scorecards.TryDequeue(out var next)
            ? team[2 + next.Panelist].PostAsJsonAsync($"/api/hiring/interviews/{next.Interview}/scorecards", new
            {
                ratings = attributes.ToDictionary(attribute => attribute, _ => 3), recommendation = 3, notes = "Clear story, live demo worked.",
            })
            : throw new HttpRequestException($"All {panelCount:N0} prepared panels are scored: run with more --panels.")),
    };
    // Warm up, then the host's memory before the run. Tiered compilation recompiles the hot methods, with dynamic PGO
    // twice each (instrumented, then optimized), on one background thread: after a 5 s warm-up that thread still took
    // 7.5 % of the machine's CPU through a 40 s measured run on PostgreSQL, 1,789 methods promoted in its first 20 s
    // (perf; DOTNET_PerfMapEnabled), while the methods waiting their turn ran instrumented. A server runs for days: its
    // first half-minute is not what the measured minute is for.
    await Task.WhenAll(sessions.Select((client, i) => Run(client, new Random(i), operations, TimeSpan.FromSeconds(warmup), null)));
    await Task.Delay(2_000);
    double Resident() => hosts.Sum(host => host.ResidentMegabytes);
    var before = Resident();
    var samples = new ConcurrentBag<(string Operation, double Milliseconds, bool Failed)>();
    var started = Stopwatch.StartNew();
    var byMinute = MinutesAsync(seconds / 60, Resident, postgres.Length > 0 ? null : folder);
    await Task.WhenAll(sessions.Select((client, i) => Task.Run(() => Run(client, new Random(1_000 + i), operations, TimeSpan.FromSeconds(seconds), samples))));
    var elapsed = started.Elapsed.TotalSeconds;
    var minutes = await byMinute;
    await Task.Delay(5_000);
    var after = Resident();

    Console.WriteLine($"\n{clients} clients for {seconds} s on {(postgres.Length > 0 ? "PostgreSQL" : "SQLite")}, loopback, {hostCount} host(s) in Production mode\n");
    Console.WriteLine($"{"operation",-34}{"requests",10}{"errors",8}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}");
    foreach (var group in samples.GroupBy(sample => sample.Operation).OrderBy(group => group.Key, StringComparer.Ordinal).Append(samples.GroupBy(_ => "all").Single()))
    {
        var times = group.Select(sample => sample.Milliseconds).Order().ToArray();
        Console.WriteLine($"{group.Key,-34}{times.Length,10:N0}{group.Count(sample => sample.Failed),8:N0}{Percentile(times, 50),9:0.0}{Percentile(times, 95),9:0.0}{Percentile(times, 99),9:0.0}");
    }
    Console.WriteLine($"\nthroughput {samples.Count / elapsed:N0} requests/s; errors {samples.Count(sample => sample.Failed)} (goal 0); p95 {Percentile([.. samples.Select(s => s.Milliseconds).Order()], 95):0.0} ms (goal < 50)");
    foreach (var failure in Failures.Keys.Take(5))
    {
        Console.WriteLine($"  failed: {failure}");
    }
    Console.WriteLine($"host memory (resident, all hosts) {before:N0} MB before, {after:N0} MB after: {100.0 * (after - before) / before:+0.0;-0.0} % (goal ≤ +10 %)");
    if (minutes.Count > 1)
    {
        Console.WriteLine($"host memory at the end of each minute, MB: {string.Join(", ", minutes.Select(minute => minute.Resident.ToString("0", CultureInfo.InvariantCulture)))}");
        if (minutes[0].Database is not null)
        {
            Console.WriteLine($"SQLite files at the end of each minute, MB: {string.Join(", ", minutes.Select(minute => minute.Database?.ToString("0", CultureInfo.InvariantCulture)))}");
        }
    }
}
finally
{
    foreach (var host in hosts)
    {
        await host.DisposeAsync();
    }
    Directory.Delete(folder, recursive: true);
}
return 0;

static async Task Run(HttpClient client, Random random, (string Name, int Weight, Func<HttpClient, Random, Task<HttpResponseMessage>> Send)[] operations, TimeSpan length,
    ConcurrentBag<(string, double, bool)>? samples)
{
    var total = operations.Sum(operation => operation.Weight);
    var deadline = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
    while (Stopwatch.GetTimestamp() < deadline)
    {
        var pick = random.Next(total);
        var operation = operations.First(candidate => (pick -= candidate.Weight) < 0);
        var started = Stopwatch.GetTimestamp();
        bool failed;
        try
        {
            using var response = await operation.Send(client, random);
            var body = await response.Content.ReadAsStringAsync();
            failed = !response.IsSuccessStatusCode;
            if (failed && samples is not null)
            {
                Failures.TryAdd($"{operation.Name}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}", 0);
            }
        }
        catch (HttpRequestException e)
        {
            failed = true;
            Failures.TryAdd($"{operation.Name}: {e.Message}", 0);
        }
        samples?.Add((operation.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, failed));
    }
}

// Candidates of an opening of their own taken through screening and the hiring manager's interview to a scheduled panel
// presentation, eight at a time; answers each panel's three scorecards to come (the directors in turn) and the attributes a scorecard rates.
static async Task<(ConcurrentQueue<(Guid Interview, int Panelist)> Scorecards, string[] Attributes)> PanelsAsync(
    HttpClient recruiter, HttpClient manager, HttpClient panelist, int count)
{
    // An opening of their own: the board the clients read stays the demo openings' size, as a recruiter's would.
    var opening = (await Answer(await recruiter.PostAsJsonAsync("/api/hiring/openings", new { title = "Developer Advocate (load test)", level = "DeveloperAdvocate" })))
        .GetProperty("id").GetGuid();
    var panels = new ConcurrentBag<Guid>();
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
    {
        var candidate = (await Answer(await recruiter.PostAsJsonAsync("/api/hiring/candidates",
            new { fullName = $"Load Candidate {i}", email = $"load.candidate.{i}.{Guid.NewGuid():N}@example.com", timeZone = "UTC" }))).GetProperty("id").GetGuid();
        var application = (await Answer(await recruiter.PostAsJsonAsync("/api/hiring/applications", new { candidateId = candidate, openingId = opening })))
            .GetProperty("application").GetProperty("id").GetGuid();
        await Answer(await recruiter.PostAsJsonAsync($"/api/hiring/applications/{application}/decisions", new { decision = "Advance" }));
        await Answer(await recruiter.PostAsJsonAsync("/api/hiring/interviews", Interview(application, "manager@devrelhub.test")));
        await Answer(await manager.PostAsJsonAsync($"/api/hiring/applications/{application}/decisions", new { decision = "Advance" }));
        panels.Add((await Answer(await recruiter.PostAsJsonAsync("/api/hiring/interviews",
            Interview(application, "panelist1@devrelhub.test", "panelist2@devrelhub.test", "panelist3@devrelhub.test")))).GetProperty("id").GetGuid());
    });
    var sheet = await Answer(await panelist.GetAsync($"/api/hiring/interviews/{panels.First()}/scorecards"));
    var attributes = sheet.GetProperty("attributes").EnumerateArray().Select(attribute => attribute.GetString()!).ToArray();
    // Fifty panels at a time, each director in turn: directors score at their own moments, not all three in the same instant.
    return (new ConcurrentQueue<(Guid, int)>(panels.Chunk(50).SelectMany(block => Enumerable.Range(0, 3).SelectMany(director => block.Select(panel => (panel, director))))),
        attributes);

    static object Interview(Guid application, params string[] interviewers) => new
    {
        applicationId = application, startsAt = DateTimeOffset.UtcNow.AddDays(3), durationMinutes = 55, videoLink = "https://meet.example.com/load",
        interviewers = interviewers.Select(email => new { email, name = email.Split('@')[0] }),
    };

    static async Task<JsonElement> Answer(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body.Length == 0 ? "{}" : body).RootElement
            : throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {body}");
    }
}

// The number of mails in the outbox folder once it stops growing, and when the last of them came: the host polls its
// outbox every 2 s, so 5 s without a new file is an empty outbox.
static async Task<(int Sent, TimeSpan Last)> OutboxSentAsync(string folder)
{
    var start = Stopwatch.GetTimestamp();
    var (sent, since) = (-1, start);
    while (true)
    {
        var now = Directory.EnumerateFiles(folder, "*.eml").Count();
        if (now != sent)
        {
            (sent, since) = (now, Stopwatch.GetTimestamp());
        }
        else if (Stopwatch.GetElapsedTime(since) > TimeSpan.FromSeconds(5))
        {
            return (sent, Stopwatch.GetElapsedTime(start, since));
        }
        await Task.Delay(500);
    }
}

// The hosts' resident memory, and the SQLite database's files in FOLDER when given, at the end of each of the run's
// full minutes: a long run shows whether memory levels off as caches fill or keeps growing.
static async Task<List<(double Resident, double? Database)>> MinutesAsync(int count, Func<double> resident, string? folder)
{
    var minutes = new List<(double, double?)>(count);
    using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
    while (minutes.Count < count && await timer.WaitForNextTickAsync())
    {
        minutes.Add((resident(), folder is null ? null : Directory.EnumerateFiles(folder, "load.db*").Sum(file => new FileInfo(file).Length) / 1048576.0));
    }
    return minutes;
}

// Ten series (source, external id: one activity's one metric) in a row, each on a random day.
static object[] ObservationBatch(Guid[] activities, Random random)
{
    string[] metrics = ["Views", "Attendees", "Reads", "Listens", "Impressions"];
    var start = random.Next(activities.Length);
    return
    [
        .. Enumerable.Range(0, 10).Select(n => (Activity: (start + n) % activities.Length, Metric: metrics[n / activities.Length % metrics.Length])).Select(series => new
        {
            subjectId = activities[series.Activity], metric = series.Metric, value = random.Next(1, 1_000),
            observedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-random.Next(0, 90))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            source = "Load", externalId = $"load-{series.Activity}-{series.Metric}",
        }),
    ];
}

static double Percentile(double[] sorted, int percent) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];

static string QuarterOf(DateTime date) => $"{date.Year}-Q{(date.Month - 1) / 3 + 1}";

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

internal static partial class Program
{
    /// <summary>The distinct failures seen during the run, for the report.</summary>
    private static readonly ConcurrentDictionary<string, byte> Failures = new();
}
