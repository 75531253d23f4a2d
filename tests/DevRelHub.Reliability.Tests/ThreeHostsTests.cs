using System.Net;
using System.Net.Http.Json;

namespace DevRelHub.Reliability.Tests;

/// <summary>
/// Three host processes on one PostgreSQL database and no balancer: clients spread over them round-robin, a sign-in on
/// one host works on the others, and resumes, timers, outbox mail and the quarterly report each happen once.
/// </summary>
[Trait("Category", "Long")]
public sealed class ThreeHostsTests
{
    [Fact]
    public async Task Three_hosts_on_one_database_share_sign_ins_and_apply_each_resume_timer_mail_and_report_once()
    {
        await using var database = new PostgresTestDatabase();
        Assert.SkipWhen(database.SkipReason is not null, database.SkipReason ?? "");
        await database.CreateAsync();
        await using var smtp = new TestSmtpServer();
        var outbox = Directory.CreateTempSubdirectory("devrelhub-three-").FullName;
        string[] common =
        [
            "--Database:Provider=postgres", $"--ConnectionStrings:DevRelHub={database.ConnectionString}", "--Identity:SignInAttemptsPerMinute=1000",
            "--Smtp:Host=127.0.0.1", $"--Smtp:Port={smtp.Port}", "--Smtp:UseTls=false", $"--Workflows:Outbox:Directory={outbox}",
            "--Workflows:Outbox:PollInterval=00:00:00.200", "--Workflows:TimerPollInterval=00:00:00.200",
        ];
        // One start migrates and seeds the demo data with the report schedule off; then three hosts start together with
        // it on, so all three find last quarter's report due at the same moment.
        await using (var seeding = new HostProcess([.. common, "--Reports:Delivery:Enabled=false"]))
        {
            await seeding.StartAsync(cancellationToken: Api.Ct);
        }
        var hosts = Enumerable.Range(0, 3)
            .Select(_ => new HostProcess([.. common, "--Reports:Delivery:Enabled=true", "--Reports:Delivery:CheckInterval=00:00:00.500"]))
            .ToArray();
        try
        {
            await Task.WhenAll(hosts.Select(host => host.StartAsync(cancellationToken: Api.Ct)));
            var (token, cookie) = await Api.SignInAsync(hosts[0].BaseAddress);
            foreach (var host in hosts)
            {
                using var byCookie = Api.WithCookie(host.BaseAddress, cookie);
                Assert.Equal(HttpStatusCode.OK, (await byCookie.GetAsync("/api/auth/me", Api.Ct)).StatusCode);
            }
            var clients = hosts.Select(host => Api.WithToken(host.BaseAddress, token)).ToArray();

            var definition = await Api.PublishAsync(clients[1], "Review, wait, welcome",
            [
                Api.Node("start", "Start"), Api.Node("review", "HumanTask", ("AssigneeRole", "Admin"), ("Choices", "Done")),
                Api.Node("wait", "Delay", ("Duration", "PT2S")), Api.Node("welcome", "SendEmail", ("To", "email"), ("Subject", "Welcome {{n}}"), ("Body", "Hello.")),
                Api.Node("end", "End"),
            ],
            [Api.Link("start", "Done", "review"), Api.Link("review", "Done", "wait"), Api.Link("wait", "Done", "welcome"), Api.Link("welcome", "Done", "end")]);
            const int count = 30;
            var instances = new List<(Guid Instance, Guid Bookmark)>();
            for (var n = 0; n < count; n++)
            {
                instances.Add(await Api.StartAsync(clients[n % 3], definition, $"three-{n}", new { n, email = $"hire{n}@example.com" }));
            }

            // Each waiting step is answered by three people at once, one on each host.
            var answers = await Task.WhenAll(instances.Select(async instance => await Task.WhenAll(clients.Select(async client =>
                (await client.PostAsJsonAsync($"/api/workflows/bookmarks/{instance.Bookmark}/resume", new { outcome = "Done" }, Api.Ct)).StatusCode))));
            Assert.All(answers, statuses => Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Conflict], statuses.Order()));

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await Api.ReadAsync(await clients[2].GetAsync($"/api/workflows/instances?definitionId={definition}&status=Finished", Api.Ct))).GetProperty("total").GetInt32() < count)
            {
                Assert.True(DateTime.UtcNow < deadline, "every timer fired within a minute");
                await Task.Delay(250, Api.Ct);
            }
            await WaitForAsync(smtp, Welcome, count);
            await WaitForAsync(smtp, Report, 1);
            // Anything sent twice would arrive within the poll intervals; give it time to.
            await Task.Delay(TimeSpan.FromSeconds(3), Api.Ct);

            foreach (var (instance, _) in instances)
            {
                var resumed = (await Api.JournalAsync(clients[0], instance))
                    .Where(entry => entry.GetProperty("event").GetString() == "Resumed").Select(entry => entry.GetProperty("nodeId").GetString());
                Assert.Equal(["review", "wait"], resumed);
            }
            var welcomes = smtp.Received.Where(Welcome).ToList();
            Assert.Equal(Enumerable.Range(0, count).Select(n => $"hire{n}@example.com").Order(StringComparer.Ordinal),
                welcomes.Select(message => message.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
            var sent = await Api.ReadAsync(await clients[1].GetAsync("/api/reports", Api.Ct));
            var quarter = Assert.Single(sent.EnumerateArray()).GetProperty("quarter").GetString();
            var report = Assert.Single(smtp.Received, Report);
            Assert.Equal($"DevRel Hub quarterly report {quarter}", report.Subject);
            Assert.Equal("exec@devrelhub.test", report.To.Mailboxes.Single().Address);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"3 hosts: {count} instances, {count * 3} racing resumes ({count} × 200, {count * 2} × 409), {count} timers fired once, {welcomes.Count} welcome mails, 1 report for {quarter}.");
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
            Directory.Delete(outbox, recursive: true);
        }
    }

    private static bool Welcome(MimeKit.MimeMessage message) => (message.Subject ?? "").StartsWith("Welcome", StringComparison.Ordinal);

    private static bool Report(MimeKit.MimeMessage message) => (message.Subject ?? "").StartsWith("DevRel Hub quarterly report", StringComparison.Ordinal);

    private static async Task WaitForAsync(TestSmtpServer smtp, Func<MimeKit.MimeMessage, bool> which, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (smtp.Received.Count(which) < atLeast && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Api.Ct);
        }
    }
}
