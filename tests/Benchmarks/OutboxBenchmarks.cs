using System.Diagnostics;
using System.Globalization;
using Dapper;
using DevRelHub.Data;
using DevRelHub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Benchmarks;

/// <summary>
/// The outbox's delivery rate as its backlog grows: the host's own delivery service writes each <c>--backlog</c> count of
/// queued mails as .eml files, beside <c>--sent</c> mails sent before. Each pass claims the twenty oldest unsent mails
/// and reads them back; served by the index of unsent mail in age order, a pass costs the same however long the queue,
/// and the rate stays flat as the backlog grows.
/// </summary>
internal static class OutboxBenchmarks
{
    private const string Insert = """
        INSERT INTO workflow_outbox (id, instance_id, node_id, to_address, subject, body, attachments, created_at, sent_at, attempts)
        VALUES (@Id, NULL, NULL, @To, @Subject, @Body, NULL, @CreatedAt, @SentAt, @Attempts)
        """;

    public static async Task RunAsync(Arguments args)
    {
        var backlogs = args.Get("--backlog", "1000,10000,50000").Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToArray();
        var sent = int.Parse(args.Get("--sent", "100000"), CultureInfo.InvariantCulture);
        var provider = args.Get("--provider", "sqlite");
        var folder = Directory.CreateTempSubdirectory("devrelhub-outbox-bench");
        Environment.SetEnvironmentVariable("Workflows__Outbox__Directory", folder.FullName);
        Environment.SetEnvironmentVariable("Workflows__Outbox__PollInterval", "00:00:00.050");
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        Console.WriteLine($"\nQueued mail delivered as .eml files on {provider}, beside {sent:N0} mails sent before\n");
        Console.WriteLine($"{"backlog",12} {"delivered in",14} {"mails/s",10}");
        try
        {
            foreach (var backlog in backlogs)
            {
                await using DevRelHubApp app = provider == "postgres" ? new PostgresApp() : new SqliteApp();
                await app.InitializeAsync();
                await app.StartAsync();
                await using var scope = app.Services.CreateAsyncScope();
                var session = scope.ServiceProvider.GetRequiredService<DbSession>();
                var db = await session.ConnectionAsync(CancellationToken.None);
                var now = DateTimeOffset.UtcNow;
                await InsertAsync(session, db, Mails(sent, now.AddDays(-30), sentAt: now.AddDays(-29)));
                // Five thousand untimed first: the delivery service's first thousands pay for its JIT (tiered) and the caches.
                await DeliverAsync(session, db, Mails(5_000, now.AddDays(-1), sentAt: null));
                var started = Stopwatch.GetTimestamp();
                await DeliverAsync(session, db, Mails(backlog, now, sentAt: null));
                var elapsed = Stopwatch.GetElapsedTime(started);
                Console.WriteLine($"{backlog,12:N0} {elapsed.TotalSeconds,12:0.00} s {backlog / elapsed.TotalSeconds,10:0}");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Queues <paramref name="mails"/> and waits until the host has sent every one.</summary>
    private static async Task DeliverAsync(DbSession session, System.Data.Common.DbConnection db, IEnumerable<object> mails)
    {
        var started = Stopwatch.GetTimestamp();
        await InsertAsync(session, db, mails);
        while (await db.ExecuteScalarAsync<long>(session.Command("SELECT COUNT(*) FROM workflow_outbox WHERE sent_at IS NULL", null, CancellationToken.None)) > 0)
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("The outbox did not empty within ten minutes.");
            }
            await Task.Delay(20);
        }
    }

    private static IEnumerable<object> Mails(int count, DateTimeOffset createdAt, DateTimeOffset? sentAt) =>
        Enumerable.Range(0, count).Select(i => new
        {
            Id = Guid.CreateVersion7(), To = $"person{i}@bench.test", Subject = $"Mail {i}", Body = "An invitation to the panel presentation.",
            CreatedAt = createdAt.AddMilliseconds(i), SentAt = sentAt?.AddMilliseconds(i), Attempts = sentAt is null ? 0 : 1,
        });

    private static async Task InsertAsync(DbSession session, System.Data.Common.DbConnection db, IEnumerable<object> mails) =>
        await session.InTransactionAsync(async token => await db.ExecuteAsync(session.Command(Insert, mails, token)), CancellationToken.None);
}
