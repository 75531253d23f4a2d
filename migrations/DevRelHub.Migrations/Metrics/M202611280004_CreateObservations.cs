using FluentMigrator;

namespace DevRelHub.Migrations.Metrics;

[Migration(202611280004, "Metrics: observations of what activities achieved")]
public sealed class M202611280004_CreateObservations : Migration
{
    public override void Up()
    {
        // activity_id names an Advocacy activity; no foreign key, since modules never join each other's tables.
        Create.Table("metrics_observation")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_metrics_observation")
            .WithColumn("activity_id").AsGuid().NotNullable()
            .WithColumn("metric").AsString(32).NotNullable()
            .WithColumn("value").AsInt64().NotNullable()
            .WithColumn("observed_on").AsDate().NotNullable()
            .WithColumn("source").AsString(64).NotNullable()
            .WithColumn("recorded_at").AsDateTimeOffset().NotNullable();

        Create.Index("ix_metrics_observation_observed_on").OnTable("metrics_observation")
            .OnColumn("observed_on").Ascending()
            .OnColumn("metric").Ascending()
            .OnColumn("value").Ascending();

        Create.Index("ix_metrics_observation_activity").OnTable("metrics_observation")
            .OnColumn("activity_id").Ascending()
            .OnColumn("observed_on").Ascending();
    }

    public override void Down() => Delete.Table("metrics_observation");
}
