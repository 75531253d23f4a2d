using System.Threading.RateLimiting;
using DevRelHub.Data;

namespace DevRelHub.Host.Pipeline;

/// <summary>
/// Reads of the API take turns: at most <c>Database:ConcurrentReads</c> run at once, the others wait in the order they
/// came. Only the API's GET and HEAD requests wait here: the pages' live connections are long-lived GETs, and writes
/// go ahead, so that the writes everyone waits for (a fold of observation batches, a panel's resume) are not slowed by
/// every read at once. Measured with the load harness on two cores (50 clients; 30 s on SQLite, 40 and 60 s on PostgreSQL):
/// <list type="bullet">
/// <item>On SQLite a read is work on a thread of this process, not a wait on a server; run fifty at once and they share
/// the cores with the one writer every write queues for, whose transactions then last twice as long as the work in
/// them. Reads unlimited 2,439 requests/s, p95 72 ms; two at once 2,913/s, 60 ms; one at once 3,178/s, 46 ms, the
/// writes' p50 halved and the reads' p95 unchanged. Default: one less than the machine's cores.</item>
/// <item>On a server a read mostly waits for its answer, and too few at once idle the cores: two or four at once gave
/// about 550 requests/s against 1,499 unlimited. Sixteen against unlimited on PostgreSQL, in six alternating pairs
/// (2026-12-07, three of 40 s, three of 60 s): p95 54.7, 52.7, 67.5, 64.2, 72.5 and 51.2 ms against 63.0, 58.7, 71.9,
/// 73.0, 76.0 and 59.6, the batches' and scorecards' tails shorter, the reads' p50 a few ms longer; eight starved the
/// reads (1,474 requests/s, p95 59.7), 24 fell between (62.0 and 65.6). Default: eight a core.</item>
/// </list>
/// </summary>
internal sealed class ReadAdmission : IAsyncDisposable
{
    /// <summary>Reads waiting beyond this many are answered 503 at once: a backlog that long is minutes old.</summary>
    public const int QueueLimit = 1_000;

    private readonly ConcurrencyLimiter limiter;

    public ReadAdmission(int concurrentReads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrentReads, 1);
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = concurrentReads,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>
    /// How many reads run at once when the configuration does not say: on SQLite one core left to the writer and the web
    /// server; on a server, eight a core, enough to keep the cores busy while reads wait for their answers.
    /// </summary>
    public static int DefaultConcurrentReads(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? Math.Max(1, Environment.ProcessorCount - 1) : 8 * Environment.ProcessorCount;

    /// <summary>How many reads <c>Database:ConcurrentReads</c> lets run at once on <paramref name="provider"/>; a count below one is refused at start-up.</summary>
    public static int ConcurrentReads(IConfiguration configuration, DatabaseProvider provider)
    {
        var reads = configuration.GetValue("Database:ConcurrentReads", DefaultConcurrentReads(provider));
        return reads >= 1 ? reads : throw new DatabaseConfigurationException($"Database:ConcurrentReads is {reads}; it is how many reads run at once, one or more.");
    }

    /// <summary>Whether <paramref name="request"/> waits for its turn: a read of the API.</summary>
    public static bool Applies(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Path.StartsWithSegments("/api");

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!Applies(context.Request))
        {
            await next(context);
            return;
        }
        using var turn = await limiter.AcquireAsync(1, context.RequestAborted);
        if (!turn.IsAcquired)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "Too many reads waiting",
                    Detail = $"More than {QueueLimit} reads are waiting for their turn; try again in a moment.",
                },
            });
            return;
        }
        await next(context);
    }

    public ValueTask DisposeAsync() => limiter.DisposeAsync();
}
