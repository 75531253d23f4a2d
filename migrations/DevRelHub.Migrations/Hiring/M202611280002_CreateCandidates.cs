using FluentMigrator;

namespace DevRelHub.Migrations.Hiring;

[Migration(202611280002, "Hiring: candidates")]
public sealed class M202611280002_CreateCandidates : Migration
{
    public override void Up()
    {
        Create.Table("hiring_candidate")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_hiring_candidate")
            .WithColumn("full_name").AsString(200).NotNullable()
            .WithColumn("email").AsString(254).NotNullable().Unique("ux_hiring_candidate_email")
            .WithColumn("time_zone").AsString(64).Nullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();

        Create.Index("ix_hiring_candidate_full_name").OnTable("hiring_candidate")
            .OnColumn("full_name").Ascending()
            .OnColumn("id").Ascending();
    }

    public override void Down() => Delete.Table("hiring_candidate");
}
