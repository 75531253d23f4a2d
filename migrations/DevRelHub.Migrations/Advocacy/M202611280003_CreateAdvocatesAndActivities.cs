using FluentMigrator;

namespace DevRelHub.Migrations.Advocacy;

[Migration(202611280003, "Advocacy: advocates and their activities")]
public sealed class M202611280003_CreateAdvocatesAndActivities : Migration
{
    public override void Up()
    {
        Create.Table("advocacy_advocate")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_advocacy_advocate")
            .WithColumn("display_name").AsString(200).NotNullable()
            .WithColumn("email").AsString(254).NotNullable().Unique("ux_advocacy_advocate_email")
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();

        Create.Table("advocacy_activity")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_advocacy_activity")
            .WithColumn("advocate_id").AsGuid().NotNullable()
                .ForeignKey("fk_advocacy_activity_advocate", "advocacy_advocate", "id")
            .WithColumn("kind").AsString(32).NotNullable()
            .WithColumn("title").AsString(300).NotNullable()
            .WithColumn("occurred_on").AsDate().NotNullable()
            .WithColumn("url").AsString(2048).Nullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();

        Create.Index("ix_advocacy_activity_occurred_on").OnTable("advocacy_activity")
            .OnColumn("occurred_on").Descending()
            .OnColumn("id").Descending();

        Create.Index("ix_advocacy_activity_advocate").OnTable("advocacy_activity")
            .OnColumn("advocate_id").Ascending()
            .OnColumn("occurred_on").Descending();
    }

    public override void Down()
    {
        Delete.Table("advocacy_activity");
        Delete.Table("advocacy_advocate");
    }
}
