using FluentMigrator;

namespace DevRelHub.Migrations.Metrics;

/// <summary>
/// Observation batches that arrive together are written as one: each staged row says which of them it came from, so
/// each sender is told what became of its own observations.
/// </summary>
[Migration(202611291601, "Metrics: staged observations know which of the batches written together they came from")]
public sealed class M202611291601_StagedBatchParts : Migration
{
    public override void Up() =>
        Alter.Table("metrics_observation_stage").AddColumn("part").AsInt32().NotNullable().WithDefaultValue(0);

    public override void Down() => Delete.Column("part").FromTable("metrics_observation_stage");
}
