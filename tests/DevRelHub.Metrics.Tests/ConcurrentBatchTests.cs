using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Metrics.Observations;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Batches_written_together_each_get_their_own_answer_and_a_key_two_of_them_share_is_stored_once()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "Litmus chaos", new DateOnly(2026, 8, 3), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        // Batch k holds k + 1 keys of its own; every fifth also re-sends the first key of batch 0 with its value.
        var batches = Enumerable.Range(0, 40).Select(k => (IReadOnlyList<ObservationInput>)
        [
            .. Enumerable.Range(0, k + 1).Select(i => new ObservationInput(talk.Id, MetricKind.Views, 10 + i, new DateOnly(2026, 8, 1 + i % 28), Source: "YouTube", ExternalId: $"b{k}-{i}")),
            .. k % 5 == 4 ? [new ObservationInput(talk.Id, MetricKind.Views, 10, new DateOnly(2026, 8, 1), Source: "YouTube", ExternalId: "b0-0")] : Array.Empty<ObservationInput>(),
        ]).ToList();

        var results = await Task.WhenAll(batches.Select((batch, k) => Task.Run(() => app.SendAsync(new RecordObservations(batch, k % 2 == 0 ? "even" : "odd")))));

        Assert.All(results.Select((result, k) => (result, k)), answer => Assert.Equal(batches[answer.k].Count, answer.result.Received));
        Assert.All(results.Select((result, k) => (result, k)).Where(answer => answer.k % 5 != 4 && answer.k != 0),
            answer => Assert.Equal((answer.k + 1, 0, 0), (answer.result.Inserted, answer.result.Updated, answer.result.Unchanged)));
        Assert.Equal(Enumerable.Range(0, 40).Sum(k => k + 1), results.Sum(result => result.Inserted));
        Assert.Equal(8, results.Sum(result => result.Unchanged));
        Assert.Equal(Enumerable.Range(0, 40).Sum(k => Enumerable.Range(0, k + 1).Sum(i => 10L + i)), (await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)))).Awareness);
    }

    [Fact]
    public async Task Batches_sent_at_once_that_each_give_one_key_another_value_apply_in_turn_and_its_history_keeps_every_value_in_order()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "Litmus chaos", new DateOnly(2026, 8, 3), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        var values = Enumerable.Range(0, 12).Select(k => 100L + 10 * k).ToList();

        var results = await Task.WhenAll(values.Select(value => Task.Run(() => app.SendAsync(new RecordObservations(
            [new ObservationInput(talk.Id, MetricKind.Views, value, new DateOnly(2026, 8, 4), Source: "YouTube", ExternalId: "shared")], $"sender {value}")))));

        Assert.Equal((1, 11, 0), (results.Sum(result => result.Inserted), results.Sum(result => result.Updated), results.Sum(result => result.Unchanged)));
        var observation = Assert.Single(await app.SendAsync(new GetObservationHistory(talk.Id)));
        var corrections = observation.Corrections;
        Assert.Equal(11, corrections.Count);
        Assert.All(corrections.Zip(corrections.Skip(1)), pair => Assert.True(pair.First.Value == pair.Second.PreviousValue && pair.First.CorrectedAt < pair.Second.CorrectedAt));
        Assert.All(corrections, correction => Assert.Equal($"sender {correction.Value}", correction.Origin));
        Assert.Equal(corrections[^1].Value, observation.Value);
        Assert.Equal(values, [.. corrections.Select(correction => correction.Value).Prepend(corrections[0].PreviousValue).Order()]);
        Assert.Equal(observation.Value, (await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)))).Awareness);
    }

    [Fact]
    public async Task One_write_of_several_batches_applies_them_in_order_a_key_repeated_correcting_the_value_before_it()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "Litmus chaos", new DateOnly(2026, 8, 3), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        ObservationInput Views(long value, int day) => new(talk.Id, MetricKind.Views, value, new DateOnly(2026, 8, day), Source: "YouTube", ExternalId: "video");

        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var writer = scope.ServiceProvider.GetRequiredService<ObservationWriter>();
        var results = await session.InTransactionAsync(async token =>
            await writer.WriteAsync([([Views(100, 4), Views(5, 5)], "first"), ([Views(150, 4)], "second"), ([Views(120, 4), Views(5, 5)], "third")], token), TestContext.Current.CancellationToken);

        Assert.Equal([new(2, 2, 0, 0), new(1, 0, 1, 0), new(2, 0, 1, 1)], results);
        var history = await app.SendAsync(new GetObservationHistory(talk.Id));
        var fourth = Assert.Single(history, observation => observation.ObservedOn.Day == 4);
        Assert.Equal(120, fourth.Value);
        Assert.Equal([(100L, 150L, "second"), (150L, 120L, "third")], fourth.Corrections.Select(correction => (correction.PreviousValue, correction.Value, correction.Origin)));
        Assert.True(fourth.Corrections[0].CorrectedAt < fourth.Corrections[1].CorrectedAt);
        Assert.Empty(Assert.Single(history, observation => observation.ObservedOn.Day == 5).Corrections);
        Assert.Equal(125, (await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)))).Awareness);
    }

    [Fact]
    public async Task A_batch_of_a_few_days_far_apart_finds_the_values_stored_under_them_as_one_of_every_day_does()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "Litmus chaos", new DateOnly(2026, 7, 1), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        ObservationInput Views(long value, int day) => new(talk.Id, MetricKind.Views, value, new DateOnly(2026, 7, 1).AddDays(day), Source: "YouTube", ExternalId: "video");

        // Every day of July and August (read back by range); four days of the 71 from 1 July (by key); all 71 days (by range),
        // the eight after August new to the database and one value changed.
        var daily = await app.SendAsync(new RecordObservations([.. Enumerable.Range(0, 62).Select(day => Views(10, day))], "daily"));
        var sparse = await app.SendAsync(new RecordObservations([Views(10, 0), Views(25, 30), Views(40, 61), Views(7, 70)], "sparse"));
        var again = await app.SendAsync(new RecordObservations(
            [.. Enumerable.Range(0, 71).Select(day => Views(day switch { 5 => 11, 30 => 25, 61 => 40, 70 => 7, _ => 10 }, day))], "again"));

        Assert.Equal(new ObservationBatchResult(62, 62, 0, 0), daily);
        Assert.Equal(new ObservationBatchResult(4, 1, 2, 1), sparse);
        Assert.Equal(new ObservationBatchResult(71, 8, 1, 62), again);
        var history = await app.SendAsync(new GetObservationHistory(talk.Id));
        var correction = Assert.Single(Assert.Single(history, observation => observation.ObservedOn == new DateOnly(2026, 7, 31)).Corrections);
        Assert.Equal((10L, 25L, "sparse"), (correction.PreviousValue, correction.Value, correction.Origin));
        Assert.Equal(620 - 10 + 25 - 10 + 40 + 7 + 1 + 8 * 10, (await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)))).Awareness);
    }

    [Fact]
    public async Task A_batch_naming_an_unknown_subject_is_refused_alone_when_it_arrives_with_good_ones()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "Litmus chaos", new DateOnly(2026, 8, 3), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        var stranger = Guid.NewGuid();

        var sends = Enumerable.Range(0, 12).Select(k => Task.Run(() => app.SendAsync(new RecordObservations(
            [new ObservationInput(k == 5 ? stranger : talk.Id, MetricKind.Views, 100, new DateOnly(2026, 8, 1 + k), Source: "YouTube", ExternalId: $"v{k}")], "test")))).ToList();
        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => sends[5]);

        Assert.Equal($"There is no activity {stranger}.", Assert.Single(refused.Errors, error => error.PropertyName == "Observations[0].SubjectId").ErrorMessage);
        Assert.All(await Task.WhenAll(sends.Where((_, k) => k != 5)), result => Assert.Equal(1, result.Inserted));
        Assert.Equal(1_100, (await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)))).Awareness);
    }

    [Fact]
    public async Task Batches_sent_at_once_that_give_one_new_external_id_to_two_subjects_store_one_and_refuse_the_other()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talks = await Task.WhenAll(Enumerable.Range(0, 2).Select(k =>
            app.SendAsync(new LogActivity(new ActivityInput(sam.Id, $"Talk {k}", new DateOnly(2026, 8, 3), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System))));

        var sends = talks.Select(talk => Task.Run(() => app.SendAsync(new RecordObservations(
            [new ObservationInput(talk.Id, MetricKind.Views, 100, new DateOnly(2026, 8, 4), Source: "YouTube", ExternalId: "shared")], "test")))).ToList();
        await Task.WhenAll(sends.Select(send => send.ContinueWith(_ => { }, TaskScheduler.Default)));

        var stored = Assert.Single(sends, send => send.IsCompletedSuccessfully);
        var refused = Assert.IsType<FluentValidation.ValidationException>(Assert.Single(sends, send => send.IsFaulted).Exception!.InnerException);
        Assert.Equal(1, (await stored).Inserted);
        Assert.Contains("counts Views of", Assert.Single(refused.Errors).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(100, (await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)))).Awareness);
    }
}

public sealed class ConcurrentBatchTestsOnSqlite(SqliteApp app) : ConcurrentBatchTests(app), IClassFixture<SqliteApp>;

public sealed class ConcurrentBatchTestsOnPostgres(PostgresApp app) : ConcurrentBatchTests(app), IClassFixture<PostgresApp>
{
    // On a server the batcher looks batches up while the fold before them is written (on SQLite it does not).
    [Fact]
    public async Task A_batch_naming_an_unknown_subject_is_refused_while_the_write_before_it_waits_for_its_turn()
    {
        await app.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "Litmus chaos", new DateOnly(2026, 8, 3), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        var stranger = Guid.NewGuid();
        Task<ObservationBatchResult> Send(Guid subject, string externalId) => Task.Run(() => app.SendAsync(new RecordObservations(
            [new ObservationInput(subject, MetricKind.Views, 100, new DateOnly(2026, 8, 4), Source: "YouTube", ExternalId: externalId)], "test")));

        // Another writer holds the observations' lock, so the first batch's write waits; the second, sent once the first
        // is waiting, is looked up meanwhile and refused.
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var dialect = scope.ServiceProvider.GetRequiredService<ISqlDialect>();
        var (first, refused) = await session.InTransactionAsync(async token =>
        {
            var db = await session.ConnectionAsync(token);
            await db.ExecuteAsync(session.Command(dialect.ExclusiveLock, new { Resource = "metrics_observation" }, token));
            var first = Send(talk.Id, "video");
            await Task.Delay(TimeSpan.FromSeconds(1), token);
            var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => Send(stranger, "stranger").WaitAsync(TimeSpan.FromSeconds(30), token));
            Assert.False(first.IsCompleted);
            return (first, refused);
        }, ct);

        Assert.Equal($"There is no activity {stranger}.", Assert.Single(refused.Errors).ErrorMessage);
        Assert.Equal(1, (await first).Inserted);
    }
}

/// <summary>On PostgreSQL an observation write joins by key (ISqlDialect.JoinByKeys) for the rest of its transaction.</summary>
public sealed class ObservationWriteSettingsOnPostgres(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_write_turns_hash_and_merge_joins_off_for_the_rest_of_its_transaction()
    {
        await app.StartAsync();
        var sam = await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var talk = await app.SendAsync(new LogActivity(new ActivityInput(sam.Id, "Litmus chaos", new DateOnly(2026, 8, 3), new TalkDetails("KubeCon", SessionType.Talk)), Editor.System));
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var writer = scope.ServiceProvider.GetRequiredService<ObservationWriter>();
        const string Settings = "SELECT current_setting('enable_hashjoin') || ' ' || current_setting('enable_mergejoin')";

        var (before, during) = await session.InTransactionAsync(async token =>
        {
            var db = await session.ConnectionAsync(token);
            var before = await db.ExecuteScalarAsync<string>(session.Command(Settings, null, token));
            await writer.WriteAsync([new ObservationInput(talk.Id, MetricKind.Views, 100, new DateOnly(2026, 8, 4), Source: "YouTube", ExternalId: "video")], "test", token);
            return (before, await db.ExecuteScalarAsync<string>(session.Command(Settings, null, token)));
        }, TestContext.Current.CancellationToken);

        Assert.Equal(("on on", "off off"), (before, during));
        Assert.Equal(100, (await app.SendAsync(new GetQuarterSummary(new Quarter(2026, 3)))).Awareness);
    }
}
