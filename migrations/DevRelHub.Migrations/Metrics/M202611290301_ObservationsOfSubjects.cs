using System.Globalization;
using FluentMigrator;
using FluentMigrator.Builders.Create.Table;

namespace DevRelHub.Migrations.Metrics;

/// <summary>
/// Observations become keyed by where they came from — (source, external id, day) — so a re-sent number updates
/// instead of duplicating, with every correction kept; they may be running totals; they belong to a subject (an
/// activity, a community contribution or an advocate's account). A monthly rollup per subject, metric and source is
/// kept up to date by every write, so quarter figures never scan observations. Targets per quarter and KPI.
/// The earlier observations are carried over as day-by-day numbers of activities.
/// </summary>
[Migration(202611290301, "Metrics: observations keyed by source, corrections, monthly rollup, targets")]
public sealed class M202611290301_ObservationsOfSubjects : Migration
{
    public override void Up()
    {
        Rename.Table("metrics_observation").To("metrics_observation_v1");

        // The key is where the number came from; no surrogate id, since every index costs each of millions of inserts.
        ObservationColumns(Create.Table("metrics_observation"), "pk_metrics_observation_key")
            .WithColumn("recorded_at").AsDateTimeOffset().NotNullable()
            .WithColumn("corrected_at").AsDateTimeOffset().Nullable();
        Create.Index("ix_metrics_observation_series").OnTable("metrics_observation")
            .OnColumn("subject_id").Ascending()
            .OnColumn("metric").Ascending()
            .OnColumn("source").Ascending()
            .OnColumn("observed_on").Ascending();

        Create.Table("metrics_observation_correction")
            .WithColumn("source").AsString(64).NotNullable().PrimaryKey("pk_metrics_observation_correction")
            .WithColumn("external_id").AsString(200).NotNullable().PrimaryKey("pk_metrics_observation_correction")
            .WithColumn("observed_on").AsDate().NotNullable().PrimaryKey("pk_metrics_observation_correction")
            .WithColumn("corrected_at").AsDateTimeOffset().NotNullable().PrimaryKey("pk_metrics_observation_correction")
            .WithColumn("previous_value").AsInt64().NotNullable()
            .WithColumn("value").AsInt64().NotNullable()
            .WithColumn("origin").AsString(300).NotNullable();

        // A batch on its way in: the observation's columns, without the index maintenance, until set-based statements move it.
        ObservationColumns(Create.Table("metrics_observation_stage")
            .WithColumn("batch_id").AsGuid().NotNullable(), primaryKey: null);
        Create.Index("ix_metrics_observation_stage_batch").OnTable("metrics_observation_stage").OnColumn("batch_id").Ascending();

        // Per subject, metric, source and month: the day-by-day numbers summed (increments) and, for running totals, the last
        // total of the month less the last one before it (running). Awareness of a period is the sum of both over its months.
        Create.Table("metrics_monthly")
            .WithColumn("subject_id").AsGuid().NotNullable().PrimaryKey("pk_metrics_monthly")
            .WithColumn("metric").AsString(32).NotNullable().PrimaryKey("pk_metrics_monthly")
            .WithColumn("source").AsString(64).NotNullable().PrimaryKey("pk_metrics_monthly")
            .WithColumn("month").AsDate().NotNullable().PrimaryKey("pk_metrics_monthly")
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

        // The same summed over subjects and sources: a quarter's team figures are a few dozen rows.
        Create.Table("metrics_monthly_total")
            .WithColumn("month").AsDate().NotNullable().PrimaryKey("pk_metrics_monthly_total")
            .WithColumn("subject_kind").AsString(16).NotNullable().PrimaryKey("pk_metrics_monthly_total")
            .WithColumn("metric").AsString(32).NotNullable().PrimaryKey("pk_metrics_monthly_total")
            .WithColumn("total").AsInt64().NotNullable();

        // The running-total months a batch changed, and what it changes in the rollup.
        Create.Table("metrics_rollup_stage")
            .WithColumn("batch_id").AsGuid().NotNullable()
            .WithColumn("subject_id").AsGuid().NotNullable()
            .WithColumn("metric").AsString(32).NotNullable()
            .WithColumn("source").AsString(64).NotNullable()
            .WithColumn("month").AsDate().NotNullable()
            .WithColumn("subject_kind").AsString(16).NotNullable();
        Create.Index("ix_metrics_rollup_stage_batch").OnTable("metrics_rollup_stage")
            .OnColumn("batch_id").Ascending()
            .OnColumn("subject_id").Ascending()
            .OnColumn("metric").Ascending()
            .OnColumn("source").Ascending()
            .OnColumn("month").Ascending();

        Create.Table("metrics_rollup_result")
            .WithColumn("batch_id").AsGuid().NotNullable()
            .WithColumn("part").AsString(10).NotNullable()
            .WithColumn("subject_id").AsGuid().NotNullable()
            .WithColumn("metric").AsString(32).NotNullable()
            .WithColumn("source").AsString(64).NotNullable()
            .WithColumn("month").AsDate().NotNullable()
            .WithColumn("subject_kind").AsString(16).NotNullable()
            .WithColumn("amount").AsInt64().NotNullable();
        Create.Index("ix_metrics_rollup_result_batch").OnTable("metrics_rollup_result").OnColumn("batch_id").Ascending();

        // Each month with the first day of the next: "the month after" without date arithmetic, which every database writes differently.
        Create.Table("metrics_month")
            .WithColumn("month").AsDate().NotNullable().PrimaryKey("pk_metrics_month")
            .WithColumn("next_month").AsDate().NotNullable();
        var months = Enumerable.Range(0, 101 * 12).Select(i => new DateTime(2000, 1, 1).AddMonths(i))
            .Select(month => string.Create(CultureInfo.InvariantCulture, $"('{month:yyyy-MM-dd}', '{month.AddMonths(1):yyyy-MM-dd}')"));
        foreach (var chunk in months.Chunk(100))
        {
            Execute.Sql($"INSERT INTO metrics_month (month, next_month) VALUES {string.Join(", ", chunk)}");
        }

        Create.Table("metrics_target")
            .WithColumn("quarter").AsString(7).NotNullable().PrimaryKey("pk_metrics_target")
            .WithColumn("kpi").AsString(20).NotNullable().PrimaryKey("pk_metrics_target")
            .WithColumn("advocate_id").AsGuid().NotNullable().PrimaryKey("pk_metrics_target")
            .WithColumn("value").AsInt64().NotNullable()
            .WithColumn("set_by").AsString(254).NotNullable()
            .WithColumn("set_at").AsDateTimeOffset().NotNullable();

        const string Columns = "source, external_id, observed_on, subject_kind, subject_id, metric, value, cumulative, month, recorded_at";
        IfDatabase("SQLite").Execute.Sql($"""
            INSERT INTO metrics_observation ({Columns})
            SELECT source, id, observed_on, 'Activity', activity_id, metric, value, 0, substr(observed_on, 1, 8) || '01', recorded_at FROM metrics_observation_v1
            """);
        IfDatabase("Postgres", "PostgreSQL", "Postgres15_0").Execute.Sql($"""
            INSERT INTO metrics_observation ({Columns})
            SELECT source, id::text, observed_on, 'Activity', activity_id, metric, value, false, date_trunc('month', observed_on)::date, recorded_at FROM metrics_observation_v1
            """);
        IfDatabase("SqlServer", "SqlServer2016").Execute.Sql($"""
            INSERT INTO metrics_observation ({Columns})
            SELECT source, CONVERT(varchar(36), id), observed_on, 'Activity', activity_id, metric, value, 0, DATEFROMPARTS(YEAR(observed_on), MONTH(observed_on), 1), recorded_at FROM metrics_observation_v1
            """);
        Execute.Sql("""
            INSERT INTO metrics_monthly (subject_id, metric, source, month, subject_kind, increments, running)
            SELECT subject_id, metric, source, month, subject_kind, SUM(value), 0 FROM metrics_observation
            GROUP BY subject_id, metric, source, month, subject_kind
            """);
        Execute.Sql("""
            INSERT INTO metrics_monthly_total (month, subject_kind, metric, total)
            SELECT month, subject_kind, metric, SUM(increments + running) FROM metrics_monthly GROUP BY month, subject_kind, metric
            """);
        Delete.Table("metrics_observation_v1");
    }

    private static ICreateTableColumnOptionOrWithColumnSyntax ObservationColumns(ICreateTableWithColumnSyntax table, string? primaryKey) => Key(Key(Key(table
        .WithColumn("source").AsString(64).NotNullable(), primaryKey)
        .WithColumn("external_id").AsString(200).NotNullable(), primaryKey)
        .WithColumn("observed_on").AsDate().NotNullable(), primaryKey)
        .WithColumn("subject_kind").AsString(16).NotNullable()
        .WithColumn("subject_id").AsGuid().NotNullable()
        .WithColumn("metric").AsString(32).NotNullable()
        .WithColumn("value").AsInt64().NotNullable()
        .WithColumn("cumulative").AsBoolean().NotNullable()
        .WithColumn("month").AsDate().NotNullable();

    private static ICreateTableColumnOptionOrWithColumnSyntax Key(ICreateTableColumnOptionOrWithColumnSyntax column, string? primaryKey) =>
        primaryKey is null ? column : column.PrimaryKey(primaryKey);

    public override void Down()
    {
        foreach (var table in new[] { "metrics_target", "metrics_month", "metrics_monthly_total", "metrics_rollup_result", "metrics_rollup_stage", "metrics_monthly", "metrics_observation_stage", "metrics_observation_correction", "metrics_observation" })
        {
            Delete.Table(table);
        }
    }
}
