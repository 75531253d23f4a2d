using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace DevRelHub.Reliability.Tests;

/// <summary>PostgreSQL stopped under traffic and started again: clear errors in the gap, full service after, no manual step.</summary>
[Trait("Category", "Long")]
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task PostgreSQL_stopped_for_ten_seconds_gives_503s_in_the_gap_and_full_service_after_with_no_manual_step()
    {
        Assert.SkipWhen(PostgresCluster.InstalledBin is null, "PostgreSQL is not installed; test.sh installs it from Debian's packages when run as root.");
        await using var cluster = await PostgresCluster.CreateAsync(Api.Ct);
        var outbox = Directory.CreateTempSubdirectory("devrelhub-outage-").FullName;
        await using var host = new HostProcess(
        [
            "--Database:Provider=postgres", $"--ConnectionStrings:DevRelHub={cluster.ConnectionString()}",
            "--Identity:SignInAttemptsPerMinute=1000", $"--Workflows:Outbox:Directory={outbox}", "--Workflows:TimerPollInterval=00:00:00.500",
        ]);
        await host.StartAsync(cancellationToken: Api.Ct);
        using var client = await Api.SignedInAsync(host);
        var activities = await Api.ActivityIdsAsync(client);
        // A timer that falls due while the database is away.
        var definition = await Api.PublishAsync(client, "Wait",
            [Api.Node("start", "Start"), Api.Node("wait", "Delay", ("Duration", "PT8S")), Api.Node("mark", "SetVariable", ("Variable", "fired"), ("Value", "true")), Api.Node("end", "End")],
            [Api.Link("start", "Done", "wait"), Api.Link("wait", "Done", "mark"), Api.Link("mark", "Done", "end")]);
        var (timer, _) = await Api.StartAsync(client, definition, "outage", new { });

        var answers = new ConcurrentQueue<(DateTime At, int Status, string Detail)>();
        using var stop = new CancellationTokenSource();
        var traffic = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    using var response = n % 2 == 0
                        ? await client.GetAsync("/api/advocacy/activities?page=1&pageSize=20", Api.Ct)
                        : await client.PostAsJsonAsync("/api/metrics/observations", new[]
                        {
                            new
                            {
                                subjectId = activities[(worker * 1_000 + n) % activities.Length], metric = "Views", value = n,
                                observedOn = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), source = "Outage", externalId = $"outage-{worker}-{n}",
                            },
                        }, Api.Ct);
                    answers.Enqueue((DateTime.UtcNow, (int)response.StatusCode,
                        response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is null ? "no Retry-After" : response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync(Api.Ct)));
                }
                catch (HttpRequestException e)
                {
                    answers.Enqueue((DateTime.UtcNow, 0, e.Message));
                }
                await Task.Delay(20, Api.Ct);
            }
        }, Api.Ct)).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3), Api.Ct);
        var down = DateTime.UtcNow;
        await cluster.StopAsync(Api.Ct);
        await Task.Delay(TimeSpan.FromSeconds(10), Api.Ct);
        using var probe = new HttpClient { BaseAddress = host.BaseAddress };
        var healthInGap = (await probe.GetAsync("/health", Api.Ct)).StatusCode;
        await cluster.StartAsync(Api.Ct);
        var up = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(15), Api.Ct);
        await stop.CancelAsync();
        await Task.WhenAll(traffic);

        var before = answers.Where(answer => answer.At < down).ToList();
        var gap = answers.Where(answer => answer.At > down.AddSeconds(1) && answer.At < up).ToList();
        var settled = answers.Where(answer => answer.At > up.AddSeconds(5)).ToList();
        Assert.NotEmpty(before);
        Assert.All(before, answer => Assert.InRange(answer.Status, 200, 299));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, healthInGap);
        Assert.Contains(gap, answer => answer.Status == 503);
        Assert.All(answers, answer => Assert.True(answer.Status is >= 200 and < 300 or 503, $"{answer.Status}: {answer.Detail}"));
        Assert.DoesNotContain(answers, answer => answer.Detail == "no Retry-After");
        Assert.True(settled.Count > 50, $"{settled.Count} answers after the database was back");
        Assert.All(settled, answer => Assert.InRange(answer.Status, 200, 299));
        Assert.True(host.IsRunning, "the host rode out the outage");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Api.InstanceAsync(client, timer)).GetProperty("instance").GetProperty("status").GetString() != "Finished")
        {
            Assert.True(DateTime.UtcNow < deadline, "the timer due during the outage fired after it");
            await Task.Delay(250, Api.Ct);
        }
        var firstGood = answers.Where(answer => answer.At > up && answer.Status is >= 200 and < 300).Min(answer => answer.At);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{answers.Count} requests: {before.Count} before, {gap.Count} in the gap ({gap.Count(answer => answer.Status == 503)} × 503), first success {(firstGood - up).TotalMilliseconds:N0} ms after the start, {settled.Count} after (all 2xx).");
        Directory.Delete(outbox, recursive: true);
    }
}
