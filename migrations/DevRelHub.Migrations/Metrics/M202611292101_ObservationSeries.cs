using FluentMigrator;
using FluentMigrator.Builders.Create.Table;

namespace DevRelHub.Migrations.Metrics;

/// <summary>
/// Observations move to a compact layout: a series table says once what a (source, external id) measures — subject,
/// metric, running total or not — and each observation is (series, day, value), keyed by both (<c>WITHOUT ROWID</c> on
/// SQLite, so the key is the table). Every observation used to repeat its source, external id, subject and metric in
/// two wide indexes, and a file of consecutive days rewrote most of both per transaction: measured on SQLite, that
/// shape tops out at ~44,000 rows/s in a bare loop, this one at ~290,000. The monthly rollup becomes one row per series
/// and month, so a running total is per series (one video's running views), summed to its subject.
/// Stored observations are carried over; an external id that named several subjects or metrics (which the rules now
/// refuse) keeps its first and the others get "~2", "~3"… appended, so nothing is lost.
/// </summary>
[Migration(202611292101, "Metrics: series table, compact observations, rollup per series and month")]
public sealed class M202611292101_ObservationSeries : ForwardOnlyMigration
{
    private const string Sqlite = "SQLite";

    private const int ExternalIdLength = 200;

    private static readonly string[] Servers = ["Postgres", "PostgreSQL", "Postgres15_0", "SqlServer", "SqlServer2016"];

    // From an old observation o to its new series s.
    private const string ToSeries = """
        JOIN metrics_series_carry k ON k.source = o.source AND k.old_external_id = o.external_id AND k.subject_id = o.subject_id
          AND k.metric = o.metric AND k.cumulative = o.cumulative
        JOIN metrics_series s ON s.source = k.source AND s.external_id = k.external_id
        """;

    public override void Up()
    {
        Delete.Index("ix_metrics_observation_series").OnTable("metrics_observation");
        Delete.Index("ix_metrics_monthly_month").OnTable("metrics_monthly");
        Rename.Table("metrics_observation").To("metrics_observation_v2");
        Rename.Table("metrics_observation_correction").To("metrics_observation_correction_v2");
        Rename.Table("metrics_monthly").To("metrics_monthly_v2");
        foreach (var stage in new[] { "metrics_observation_stage", "metrics_rollup_stage", "metrics_rollup_result" })
        {
            Delete.Table(stage);
        }

        SeriesColumns(Create.Table("metrics_series")
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_metrics_series").Identity(), ExternalIdLength);
        Create.Index("ux_metrics_series_key").OnTable("metrics_series").OnColumn("source").Ascending().OnColumn("external_id").Ascending()
            .WithOptions().Unique();
        Create.Index("ix_metrics_series_subject").OnTable("metrics_series").OnColumn("subject_id").Ascending();

        // The column types FluentMigrator gives the stage's columns: a key column whose affinity differs from the
        // column it is compared with cannot be looked up by that column (measured: every lookup scanned its series).
        IfDatabase(Sqlite).Execute.Sql("""
            CREATE TABLE metrics_observation (
                series_id INTEGER NOT NULL, observed_on DATETIME NOT NULL, value INTEGER NOT NULL, recorded_at TEXT NOT NULL, corrected_at TEXT NULL,
                CONSTRAINT pk_metrics_observation PRIMARY KEY (series_id, observed_on)) WITHOUT ROWID
            """);
        IfDatabase(Servers).Create.Table("metrics_observation")
            .WithColumn("series_id").AsInt64().NotNullable().PrimaryKey("pk_metrics_observation")
            .WithColumn("observed_on").AsDate().NotNullable().PrimaryKey("pk_metrics_observation")
            .WithColumn("value").AsInt64().NotNullable()
            .WithColumn("recorded_at").AsDateTimeOffset().NotNullable()
            .WithColumn("corrected_at").AsDateTimeOffset().Nullable();

        Create.Table("metrics_observation_correction")
            .WithColumn("series_id").AsInt64().NotNullable().PrimaryKey("pk_metrics_correction")
            .WithColumn("observed_on").AsDate().NotNullable().PrimaryKey("pk_metrics_correction")
            .WithColumn("corrected_at").AsDateTimeOffset().NotNullable().PrimaryKey("pk_metrics_correction")
            .WithColumn("previous_value").AsInt64().NotNullable()
            .WithColumn("value").AsInt64().NotNullable()
            .WithColumn("origin").AsString(300).NotNullable();

        // Per series and month: the day-by-day numbers summed (increments) and, for a running total, the month's last
        // total less the last one before it (running). The series' subject, metric and source ride along for the
        // quarter's reads, which cover themselves from the month index.
        Create.Table("metrics_monthly")
            .WithColumn("series_id").AsInt64().NotNullable().PrimaryKey("pk_metrics_monthly_series")
            .WithColumn("month").AsDate().NotNullable().PrimaryKey("pk_metrics_monthly_series")
            .WithColumn("subject_id").AsGuid().NotNullable()
            .WithColumn("metric").AsString(32).NotNullable()
            .WithColumn("source").AsString(64).NotNullable()
            .WithColumn("subject_kind").AsString(16).NotNullable()
            .WithColumn("increments").AsInt64().NotNullable()
            .WithColumn("running").AsInt64().NotNullable();
        Create.Index("ix_metrics_monthly_month").OnTable("metrics_monthly")
            .OnColumn("month").Ascending()
            .OnColumn("subject_kind").Ascending()
            .OnColumn("metric").Ascending()
            .OnColumn("source").Ascending()
            .OnColumn("subject_id").Ascending()
            .OnColumn("increments").Ascending()
            .OnColumn("running").Ascending();

        // A batch on its way in: its (source, external id) pairs, the values it corrects, the rollup months it changes.
        SeriesColumns(Create.Table("metrics_series_stage")
            .WithColumn("batch_id").AsGuid().NotNullable(), ExternalIdLength);
        Create.Index("ix_metrics_series_stage_batch").OnTable("metrics_series_stage").OnColumn("batch_id").Ascending();
        Create.Table("metrics_observation_stage")
            .WithColumn("batch_id").AsGuid().NotNullable()
            .WithColumn("series_id").AsInt64().NotNullable()
            .WithColumn("observed_on").AsDate().NotNullable()
            .WithColumn("value").AsInt64().NotNullable();
        Create.Index("ix_metrics_observation_stage_batch").OnTable("metrics_observation_stage").OnColumn("batch_id").Ascending();
        Create.Table("metrics_rollup_stage")
            .WithColumn("batch_id").AsGuid().NotNullable()
            .WithColumn("series_id").AsInt64().NotNullable()
            .WithColumn("month").AsDate().NotNullable();
        Create.Index("ix_metrics_rollup_stage_batch").OnTable("metrics_rollup_stage")
            .OnColumn("batch_id").Ascending()
            .OnColumn("series_id").Ascending()
            .OnColumn("month").Ascending();
        Create.Table("metrics_rollup_result")
            .WithColumn("batch_id").AsGuid().NotNullable()
            .WithColumn("part").AsString(10).NotNullable()
            .WithColumn("series_id").AsInt64().NotNullable()
            .WithColumn("month").AsDate().NotNullable()
            .WithColumn("amount").AsInt64().NotNullable();
        Create.Index("ix_metrics_rollup_result_batch").OnTable("metrics_rollup_result").OnColumn("batch_id").Ascending();

        CarryOver();
    }

    /// <summary>What a series is, in the series table and the two tables that stage and carry series.</summary>
    private static void SeriesColumns(ICreateTableColumnOptionOrWithColumnSyntax table, int externalIdLength) => table
        .WithColumn("source").AsString(64).NotNullable()
        .WithColumn("external_id").AsString(externalIdLength).NotNullable()
        .WithColumn("subject_kind").AsString(16).NotNullable()
        .WithColumn("subject_id").AsGuid().NotNullable()
        .WithColumn("metric").AsString(32).NotNullable()
        .WithColumn("cumulative").AsBoolean().NotNullable();

    private void CarryOver()
    {
        // The external id as it will be stored: "~2", "~3"… appended where one named several series.
        SeriesColumns(Create.Table("metrics_series_carry")
            .WithColumn("old_external_id").AsString(ExternalIdLength).NotNullable(), ExternalIdLength + 20);
        const string Numbered = """
            SELECT source, external_id, subject_kind, subject_id, metric, cumulative,
                   ROW_NUMBER() OVER (PARTITION BY source, external_id ORDER BY subject_id, metric, cumulative) AS n
            FROM (SELECT DISTINCT source, external_id, subject_kind, subject_id, metric, cumulative FROM metrics_observation_v2) d
            """;
        IfDatabase(Sqlite, "Postgres", "PostgreSQL", "Postgres15_0").Execute.Sql($"""
            INSERT INTO metrics_series_carry (source, old_external_id, subject_kind, subject_id, metric, cumulative, external_id)
            SELECT source, external_id, subject_kind, subject_id, metric, cumulative, CASE WHEN n = 1 THEN external_id ELSE external_id || '~' || n END
            FROM ({Numbered}) numbered
            """);
        IfDatabase("SqlServer", "SqlServer2016").Execute.Sql($"""
            INSERT INTO metrics_series_carry (source, old_external_id, subject_kind, subject_id, metric, cumulative, external_id)
            SELECT source, external_id, subject_kind, subject_id, metric, cumulative, CASE WHEN n = 1 THEN external_id ELSE external_id + '~' + CAST(n AS nvarchar(10)) END
            FROM ({Numbered}) numbered
            """);
        Execute.Sql("""
            INSERT INTO metrics_series (source, external_id, subject_kind, subject_id, metric, cumulative)
            SELECT source, external_id, subject_kind, subject_id, metric, cumulative FROM metrics_series_carry
            """);
        Execute.Sql($"""
            INSERT INTO metrics_observation (series_id, observed_on, value, recorded_at, corrected_at)
            SELECT s.id, o.observed_on, o.value, o.recorded_at, o.corrected_at FROM metrics_observation_v2 o
            {ToSeries}
            """);
        Execute.Sql($"""
            INSERT INTO metrics_observation_correction (series_id, observed_on, corrected_at, previous_value, value, origin)
            SELECT s.id, c.observed_on, c.corrected_at, c.previous_value, c.value, c.origin FROM metrics_observation_correction_v2 c
            JOIN metrics_observation_v2 o ON o.source = c.source AND o.external_id = c.external_id AND o.observed_on = c.observed_on
            {ToSeries}
            """);
        // Each series' months: day-by-day numbers summed; for a running total, the month's last total less the one before.
        Execute.Sql($"""
            INSERT INTO metrics_monthly (series_id, month, subject_id, metric, source, subject_kind, increments, running)
            SELECT m.series_id, m.month, s.subject_id, s.metric, s.source, s.subject_kind, m.increments,
                   m.last_total - COALESCE(LAG(m.last_total) OVER (PARTITION BY m.series_id ORDER BY m.month), 0)
            FROM (SELECT series_id, month, SUM(CASE WHEN cumulative = '1' THEN 0 ELSE value END) AS increments,
                         MAX(CASE WHEN cumulative = '1' AND latest = 1 THEN value ELSE 0 END) AS last_total
                  FROM (SELECT s.id AS series_id, o.month, o.value, s.cumulative,
                               ROW_NUMBER() OVER (PARTITION BY s.id, o.month ORDER BY o.observed_on DESC) AS latest
                        FROM metrics_observation_v2 o
                        {ToSeries}) days
                  GROUP BY series_id, month) m
            JOIN metrics_series s ON s.id = m.series_id
            """);
        Execute.Sql("DELETE FROM metrics_monthly_total");
        Execute.Sql("""
            INSERT INTO metrics_monthly_total (month, subject_kind, metric, total)
            SELECT month, subject_kind, metric, SUM(increments + running) FROM metrics_monthly GROUP BY month, subject_kind, metric
            """);
        foreach (var table in new[] { "metrics_series_carry", "metrics_observation_correction_v2", "metrics_monthly_v2", "metrics_observation_v2" })
        {
            Delete.Table(table);
        }
    }
}
