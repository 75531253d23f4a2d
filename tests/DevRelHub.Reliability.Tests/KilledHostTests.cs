using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace DevRelHub.Reliability.Tests;

/// <summary>
/// The host killed without warning (SIGKILL) in the middle of work, on an SQLite file, and started again: nothing
/// acknowledged is lost, nothing is applied twice, and the file is sound after every kill.
/// </summary>
[Trait("Category", "Long")]
public sealed class KilledHostTests : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("devrelhub-faults-").FullName;

    private string DatabaseFile => Path.Combine(folder, "faults.db");

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Workflow_resumes_cut_by_two_kills_are_each_applied_exactly_once()
    {
        await using var host = NewHost();
        await host.StartAsync(cancellationToken: Api.Ct);
        using var client = await Api.SignedInAsync(host);
        var definition = await Api.PublishAsync(client, "Four steps",
        [
            Api.Node("start", "Start"),
            .. Enumerable.Range(1, Steps).Select(step => Api.Node($"step{step}", "HumanTask", ("AssigneeRole", "Admin"), ("Choices", "Done"))),
            Api.Node("end", "End"),
        ],
        [
            Api.Link("start", "Done", "step1"),
            .. Enumerable.Range(1, Steps - 1).Select(step => Api.Link($"step{step}", "Done", $"step{step + 1}")),
            Api.Link($"step{Steps}", "Done", "end"),
        ]);
        const int instanceCount = 60;
        var instances = new List<(Guid Instance, Guid Bookmark)>();
        for (var i = 0; i < instanceCount; i++)
        {
            instances.Add(await Api.StartAsync(client, definition, $"fault-{i}", new { }));
        }

        var stream = new ResumeStream(client, host.BaseAddress);
        var killer = Task.Run(async () =>
        {
            foreach (var after in new[] { 50, 140 })
            {
                while (stream.Acknowledged < after)
                {
                    await Task.Delay(2, Api.Ct);
                }
                host.Kill();
                Assert.Equal("ok", IntegrityCheck());
                await host.StartAsync(cancellationToken: Api.Ct);
            }
        }, Api.Ct);
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, instanceCount));
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var i))
            {
                var bookmark = instances[i].Bookmark;
                for (var step = 1; step <= Steps; step++)
                {
                    bookmark = await stream.ResumeAsync(instances[i].Instance, bookmark, step, Value(i, step));
                }
            }
        }, Api.Ct)).ToList();
        await Task.WhenAll([.. workers, killer]);

        long checksum = 0;
        for (var i = 0; i < instanceCount; i++)
        {
            var details = await Api.InstanceAsync(client, instances[i].Instance);
            Assert.Equal("Finished", details.GetProperty("instance").GetProperty("status").GetString());
            var resumed = (await Api.JournalAsync(client, instances[i].Instance))
                .Where(entry => entry.GetProperty("event").GetString() == "Resumed")
                .Select(entry => entry.GetProperty("nodeId").GetString())
                .ToList();
            Assert.Equal(Enumerable.Range(1, Steps).Select(step => $"step{step}"), resumed);
            checksum += Enumerable.Range(1, Steps).Sum(step => details.GetProperty("variables").GetProperty($"v{step}").GetInt64());
        }
        var expected = Enumerable.Range(0, instanceCount).Sum(i => Enumerable.Range(1, Steps).Sum(step => Value(i, step)));
        Assert.Equal(expected, checksum);
        Assert.True(stream.Interrupted > 0, "the kills cut requests off");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{instanceCount * Steps} resumes over two kills: {stream.Acknowledged} answered 200, {stream.AppliedUnanswered} applied before a kill with the answer lost (409 on retry), {stream.Interrupted} requests cut off or refused; journal and checksum {checksum:N0} exact.");
    }

    [Fact]
    public async Task A_metrics_import_cut_by_a_kill_completes_when_the_file_is_imported_again_and_nothing_is_stored_twice()
    {
        await using var host = NewHost();
        await host.StartAsync(cancellationToken: Api.Ct);
        using var client = await Api.SignedInAsync(host);
        var activities = await Api.ActivityIdsAsync(client);
        // Three transactions (ImportObservations.RowsPerTransaction): the kill lands after the first.
        const int rows = 600_000;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var csv = new StringBuilder("subject_id,metric,value,observed_on,source,external_id\n");
        long expected = 0;
        for (var i = 0; i < rows; i++)
        {
            var value = 1 + i * 7_919L % 1_000;
            expected += value;
            csv.Append(CultureInfo.InvariantCulture, $"{activities[i % activities.Length]},Views,{value},{today.AddDays(-1 - i % 300):yyyy-MM-dd},fault-import,row-{i}\n");
        }
        var file = csv.ToString();

        var upload = client.PostAsync("/api/metrics/imports", new StringContent(file, Encoding.UTF8, "text/csv"), Api.Ct);
        while (Scalar("SELECT COUNT(*) FROM metrics_observation o JOIN metrics_series s ON s.id = o.series_id WHERE s.source = 'fault-import'") == 0)
        {
            Assert.False(upload.IsCompleted, "the import finished before the kill; make the file larger");
            await Task.Delay(10, Api.Ct);
        }
        host.Kill();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => upload);
        var stored = Scalar("SELECT COUNT(*) FROM metrics_observation o JOIN metrics_series s ON s.id = o.series_id WHERE s.source = 'fault-import'");
        Assert.InRange(stored, 1, rows - 1);
        Assert.Equal("ok", IntegrityCheck());

        await host.StartAsync(cancellationToken: Api.Ct);
        var again = await Api.ReadAsync(await client.PostAsync("/api/metrics/imports", new StringContent(file, Encoding.UTF8, "text/csv"), Api.Ct));

        Assert.Equal((rows, rows - stored, 0, stored),
            (again.GetProperty("lines").GetInt32(), (long)again.GetProperty("inserted").GetInt32(), again.GetProperty("updated").GetInt32(), (long)again.GetProperty("unchanged").GetInt32()));
        Assert.Equal(rows, Scalar("SELECT COUNT(*) FROM metrics_observation o JOIN metrics_series s ON s.id = o.series_id WHERE s.source = 'fault-import'"));
        Assert.Equal(expected, Scalar("SELECT SUM(o.value) FROM metrics_observation o JOIN metrics_series s ON s.id = o.series_id WHERE s.source = 'fault-import'"));
        Assert.Equal(expected, Scalar("SELECT SUM(increments) FROM metrics_monthly WHERE source = 'fault-import'"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM metrics_observation_correction c JOIN metrics_series s ON s.id = c.series_id WHERE s.source = 'fault-import'"));
        TestContext.Current.TestOutputHelper?.WriteLine($"{rows:N0} rows: {stored:N0} stored before the kill, the rest by the second import; sum {expected:N0} in observations and rollup.");
    }

    [Fact]
    public async Task Mail_queued_before_a_kill_is_delivered_after_the_restart_and_a_kill_while_sending_repeats_at_most_the_mail_in_flight()
    {
        var smtpPort = HostProcess.FreePort();
        await using var host = NewHost(
            "--Smtp:Host=127.0.0.1", $"--Smtp:Port={smtpPort}", "--Smtp:UseTls=false",
            "--Workflows:Outbox:PollInterval=00:00:00.200", "--Workflows:Outbox:Lease=00:00:03", "--Workflows:Outbox:MaxAttempts=1000");
        await host.StartAsync(cancellationToken: Api.Ct);
        using var client = await Api.SignedInAsync(host);
        var definition = await Api.PublishAsync(client, "Mail",
            [Api.Node("start", "Start"), Api.Node("mail", "SendEmail", ("To", "email"), ("Subject", "Hello {{n}}"), ("Body", "Mail {{n}}.")), Api.Node("end", "End")],
            [Api.Link("start", "Done", "mail"), Api.Link("mail", "Done", "end")]);
        const int mails = 40;
        for (var n = 0; n < mails; n++)
        {
            await Api.ReadAsync(await client.PostAsJsonAsync("/api/workflows/instances",
                new { definitionId = definition, correlationKey = $"mail-{n}", variables = new { n, email = $"person{n}@example.com" } }, Api.Ct));
        }
        Assert.Equal(mails, Scalar(QueuedForPeople));

        // The relay is down: nothing leaves; the host dies with all forty queued.
        host.Kill();
        await using var smtp = new TestSmtpServer(smtpPort, delayEach: TimeSpan.FromMilliseconds(100));
        await host.StartAsync(cancellationToken: Api.Ct);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ToPeople(smtp).Count < 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5, Api.Ct);
        }
        host.Kill();
        await host.StartAsync(cancellationToken: Api.Ct);
        while (ToPeople(smtp).Select(message => message.MessageId).Distinct().Count() < mails && DateTime.UtcNow < deadline.AddSeconds(60))
        {
            await Task.Delay(50, Api.Ct);
        }

        var received = ToPeople(smtp);
        Assert.Equal(Enumerable.Range(0, mails).Select(n => $"person{n}@example.com").Order(StringComparer.Ordinal),
            received.Select(message => message.To.Mailboxes.Single().Address).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(mails, received.Select(message => message.MessageId).Distinct().Count());
        Assert.InRange(received.Count, mails, mails + 1);
        Assert.Equal(0, Scalar(QueuedForPeople));
        TestContext.Current.TestOutputHelper?.WriteLine($"{mails} mails, {received.Count} deliveries ({received.Count - mails} repeated with the same Message-Id after the kill while sending).");
    }

    private const int Steps = 4;

    // The demo data queues mail of its own; these tests count theirs.
    private const string QueuedForPeople = "SELECT COUNT(*) FROM workflow_outbox WHERE sent_at IS NULL AND to_address LIKE 'person%@example.com'";

    private static List<MimeKit.MimeMessage> ToPeople(TestSmtpServer smtp) =>
        [.. smtp.Received.Where(message => message.To.Mailboxes.Single().Address.StartsWith("person", StringComparison.Ordinal))];

    private static long Value(int instance, int step) => (instance + 1) * 10L + step;

    private HostProcess NewHost(params string[] options) => new(
    [
        $"--ConnectionStrings:DevRelHub=Data Source={DatabaseFile}",
        "--Identity:SignInAttemptsPerMinute=1000",
        $"--Workflows:Outbox:Directory={Path.Combine(folder, "outbox")}",
        .. options,
    ]);

    private string IntegrityCheck()
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is long value ? value : 0;
    }

    /// <summary>
    /// Resumes as a person's browser would: a request whose answer never came (the host died) is sent again once the
    /// host is back; a 409 then means the first one was applied, and the instance says where it waits now.
    /// </summary>
    private sealed class ResumeStream(HttpClient client, Uri host)
    {
        private int acknowledged;
        private int appliedUnanswered;
        private int interrupted;

        public int Acknowledged => Volatile.Read(ref acknowledged);

        public int AppliedUnanswered => Volatile.Read(ref appliedUnanswered);

        public int Interrupted => Volatile.Read(ref interrupted);

        /// <summary>Applies one step; answers the bookmark the instance waits on next (empty when it finished).</summary>
        public async Task<Guid> ResumeAsync(Guid instance, Guid bookmark, int step, long value)
        {
            while (true)
            {
                try
                {
                    using var response = await client.PostAsJsonAsync($"/api/workflows/bookmarks/{bookmark}/resume",
                        new { outcome = "Done", variables = new Dictionary<string, long> { [$"v{step}"] = value } }, Api.Ct);
                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.OK:
                            Interlocked.Increment(ref acknowledged);
                            return NextBookmark(await response.Content.ReadFromJsonAsync<JsonElement>(Api.Ct));
                        case HttpStatusCode.Conflict:
                            Interlocked.Increment(ref appliedUnanswered);
                            return NextBookmark(await Api.InstanceAsync(client, instance));
                        case HttpStatusCode.ServiceUnavailable:
                            await Task.Delay(100, Api.Ct);
                            continue;
                        default:
                            Assert.Fail($"{(int)response.StatusCode} on resuming step {step}: {await response.Content.ReadAsStringAsync(Api.Ct)}");
                            break;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !Api.Ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref interrupted);
                    await HostProcess.WaitUntilHealthyAsync(host, TimeSpan.FromSeconds(120), Api.Ct);
                }
            }
        }

        private static Guid NextBookmark(JsonElement run) =>
            run.GetProperty("bookmarks") is { } bookmarks && bookmarks.GetArrayLength() > 0 ? bookmarks[0].GetProperty("id").GetGuid() : Guid.Empty;
    }
}
