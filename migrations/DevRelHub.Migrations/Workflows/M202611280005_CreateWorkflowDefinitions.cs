using FluentMigrator;

namespace DevRelHub.Migrations.Workflows;

[Migration(202611280005, "Workflows: definitions and their versions")]
public sealed class M202611280005_CreateWorkflowDefinitions : Migration
{
    public override void Up()
    {
        Create.Table("workflow_definition")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_workflow_definition")
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("version").AsInt32().NotNullable()
            .WithColumn("is_published").AsBoolean().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();

        Create.Index("ux_workflow_definition_name_version").OnTable("workflow_definition")
            .OnColumn("name").Ascending()
            .OnColumn("version").Descending()
            .WithOptions().Unique();
    }

    public override void Down() => Delete.Table("workflow_definition");
}
