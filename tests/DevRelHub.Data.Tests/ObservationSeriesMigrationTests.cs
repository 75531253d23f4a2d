using Dapper;
using DevRelHub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Data.Tests;

/// <summary>
/// Migration 202611292101 carries stored observations into the series layout: a database at the release before it,
/// holding a running total, a correction and an external id that named two subjects' metrics, migrates without losing
/// a number, and its rollup is what the writer would have built.
/// </summary>
public abstract class ObservationSeriesMigrationTests(Func<TestDatabase> newDatabase)
{
    private const long ReleaseBefore = 202611291601;

    private static readonly Guid Talk = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Post = Guid.Parse("00000000-0000-0000-0000-000000000002");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Observations_corrections_and_rollup_are_carried_into_series()
    {
        await using var database = newDatabase();
        Assert.SkipWhen(database.SkipReason is not null, database.SkipReason ?? "");
        await database.CreateAsync();
        await using var services = DatabaseFixture.ServicesFor(database);
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        await migrator.MigrateAsync(ReleaseBefore, Ct);
        var at = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        await WithConnection(services, async (session, db) =>
        {
            await db.ExecuteAsync(session.Command("""
                INSERT INTO metrics_observation (source, external_id, observed_on, subject_kind, subject_id, metric, value, cumulative, month, recorded_at, corrected_at)
                VALUES (@Source, @ExternalId, @Day, 'Activity', @Subject, @Metric, @Value, @Cumulative, @Month, @At, @CorrectedAt)
                """, new[]
            {
                Old("YouTube", "yt-1", new DateOnly(2026, 6, 30), Talk, "Views", 100, cumulative: true, at),
                Old("YouTube", "yt-1", new DateOnly(2026, 7, 31), Talk, "Views", 250, cumulative: true, at),
                Old("YouTube", "yt-1", new DateOnly(2026, 9, 30), Talk, "Views", 300, cumulative: true, at),
                Old("Web", "page", new DateOnly(2026, 7, 1), Talk, "Views", 10, cumulative: false, at, correctedAt: at.AddDays(1)),
                Old("Web", "page", new DateOnly(2026, 7, 2), Post, "Reads", 20, cumulative: false, at),
            }, Ct));
            await db.ExecuteAsync(session.Command("""
                INSERT INTO metrics_observation_correction (source, external_id, observed_on, corrected_at, previous_value, value, origin)
                VALUES ('Web', 'page', @Day, @At, 5, 10, 'test')
                """, new { Day = new DateOnly(2026, 7, 1), At = at.AddDays(1) }, Ct));
        });

        await migrator.MigrateAsync(Ct);

        await WithConnection(services, async (session, db) =>
        {
            var series = (await db.QueryAsync<(string ExternalId, Guid SubjectId, string Metric, long Observations, long Total)>(session.Command("""
                SELECT s.external_id, s.subject_id, s.metric, COUNT(*), SUM(o.value) FROM metrics_series s JOIN metrics_observation o ON o.series_id = s.id
                GROUP BY s.external_id, s.subject_id, s.metric ORDER BY s.external_id
                """, null, Ct))).ToList();
            Assert.Equal([("page", Talk, "Views", 1L, 10L), ("page~2", Post, "Reads", 1L, 20L), ("yt-1", Talk, "Views", 3L, 650L)], series);

            var months = (await db.QueryAsync<(string ExternalId, DateOnly Month, long Increments, long Running)>(session.Command("""
                SELECT s.external_id, m.month, m.increments, m.running FROM metrics_monthly m JOIN metrics_series s ON s.id = m.series_id ORDER BY s.external_id, m.month
                """, null, Ct))).ToList();
            Assert.Equal(
            [
                ("page", new DateOnly(2026, 7, 1), 10L, 0L), ("page~2", new DateOnly(2026, 7, 1), 20L, 0L),
                ("yt-1", new DateOnly(2026, 6, 1), 0L, 100L), ("yt-1", new DateOnly(2026, 7, 1), 0L, 150L), ("yt-1", new DateOnly(2026, 9, 1), 0L, 50L),
            ], months);

            var totals = (await db.QueryAsync<(DateOnly Month, string Metric, long Total)>(session.Command(
                "SELECT month, metric, total FROM metrics_monthly_total ORDER BY month, metric", null, Ct))).ToList();
            Assert.Equal(
                [(new DateOnly(2026, 6, 1), "Views", 100L), (new DateOnly(2026, 7, 1), "Reads", 20L), (new DateOnly(2026, 7, 1), "Views", 160L), (new DateOnly(2026, 9, 1), "Views", 50L)],
                totals);

            var correction = await db.QuerySingleAsync<(string ExternalId, long PreviousValue, long Value)>(session.Command("""
                SELECT s.external_id, c.previous_value, c.value FROM metrics_observation_correction c JOIN metrics_series s ON s.id = c.series_id
                """, null, Ct));
            Assert.Equal(("page", 5L, 10L), correction);
        });
    }

    private static object Old(string source, string externalId, DateOnly day, Guid subject, string metric, long value, bool cumulative, DateTimeOffset at,
        DateTimeOffset? correctedAt = null) =>
        new
        {
            Source = source, ExternalId = externalId, Day = day, Subject = subject, Metric = metric, Value = value, Cumulative = cumulative,
            Month = new DateOnly(day.Year, day.Month, 1), At = at, CorrectedAt = correctedAt,
        };

    private static async Task WithConnection(IServiceProvider services, Func<DbSession, System.Data.Common.DbConnection, Task> work)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await work(session, await session.ConnectionAsync(Ct));
    }
}

public sealed class ObservationSeriesMigrationTestsOnSqlite() : ObservationSeriesMigrationTests(() => new SqliteTestDatabase());

public sealed class ObservationSeriesMigrationTestsOnPostgres() : ObservationSeriesMigrationTests(() => new PostgresTestDatabase());

public sealed class ObservationSeriesMigrationTestsOnSqlServer() : ObservationSeriesMigrationTests(() => new SqlServerTestDatabase());
