using DevRelHub.Advocacy.Contracts;
using DevRelHub.Metrics.Contracts;

namespace DevRelHub.Metrics.Tests;

public abstract class ConcurrentBatchTests(DevRelHubApp app)
{
    [Fact]
    public async Task Batches_sent_at_once_with_the_same_new_keys_store_each_key_once_and_count_it_once()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "Litmus chaos", new DateOnly(2026, 8, 3), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        var batch = Enumerable.Range(1, 10)
            .Select(day => new ObservationInput(talk.Id, MetricKind.Views, 100, new DateOnly(2026, 8, day), Source: "YouTube", ExternalId: $"video-{day}"))
            .ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => app.SendAsync(new RecordObservations(batch, "test")))));

        Assert.Equal(10, results.Sum(result => result.Inserted));
        Assert.Equal(70, results.Sum(result => result.Unchanged));
        Assert.Equal(1_000, (await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)))).Awareness);
    }
}

public sealed class ConcurrentBatchTestsOnSqlite(SqliteApp app) : ConcurrentBatchTests(app), IClassFixture<SqliteApp>;

public sealed class ConcurrentBatchTestsOnPostgres(PostgresApp app) : ConcurrentBatchTests(app), IClassFixture<PostgresApp>;
