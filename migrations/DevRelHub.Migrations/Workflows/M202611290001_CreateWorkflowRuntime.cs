using FluentMigrator;

namespace DevRelHub.Migrations.Workflows;

/// <summary>
/// Definitions get their versions (each with its graph) and the runtime its tables. Nothing the engine
/// keeps grows inside one row: the journal, bookmarks and outbox are rows of their own, so loading an
/// instance costs the same after ten steps as after ten thousand.
/// </summary>
[Migration(202611290001, "Workflows: definition versions, instances, bookmarks, journal, outbox")]
public sealed class M202611290001_CreateWorkflowRuntime : Migration
{
    private const string EmptyGraph = """{"nodes":[],"connections":[]}""";

    public override void Up()
    {
        Delete.Index("ux_workflow_definition_name_version").OnTable("workflow_definition");
        Create.Index("ux_workflow_definition_name").OnTable("workflow_definition")
            .OnColumn("name").Ascending()
            .WithOptions().Unique();

        Create.Table("workflow_definition_version")
            .WithColumn("definition_id").AsGuid().NotNullable().PrimaryKey("pk_workflow_definition_version")
                .ForeignKey("fk_workflow_definition_version_definition", "workflow_definition", "id")
            .WithColumn("version").AsInt32().NotNullable().PrimaryKey("pk_workflow_definition_version")
            .WithColumn("graph").AsString(int.MaxValue).NotNullable()
            .WithColumn("is_published").AsBoolean().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("published_at").AsDateTimeOffset().Nullable();
        Execute.Sql($"""
            INSERT INTO workflow_definition_version (definition_id, version, graph, is_published, created_at)
            SELECT id, version, '{EmptyGraph}', is_published, created_at FROM workflow_definition
            """);

        Create.Table("workflow_instance")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_workflow_instance")
            .WithColumn("definition_id").AsGuid().NotNullable()
                .ForeignKey("fk_workflow_instance_definition", "workflow_definition", "id")
            .WithColumn("definition_version").AsInt32().NotNullable()
            .WithColumn("status").AsString(16).NotNullable()
            .WithColumn("correlation_key").AsString(200).Nullable()
            .WithColumn("variables").AsString(int.MaxValue).NotNullable()
            .WithColumn("execution").AsString(int.MaxValue).Nullable()
            .WithColumn("incident").AsString(2000).Nullable()
            .WithColumn("open_bookmarks").AsInt32().NotNullable()
            .WithColumn("journal_length").AsInt32().NotNullable()
            .WithColumn("revision").AsInt32().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("updated_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_workflow_instance_definition").OnTable("workflow_instance")
            .OnColumn("definition_id").Ascending().OnColumn("created_at").Descending();
        Create.Index("ix_workflow_instance_status").OnTable("workflow_instance")
            .OnColumn("status").Ascending().OnColumn("created_at").Descending();
        Create.Index("ix_workflow_instance_correlation").OnTable("workflow_instance")
            .OnColumn("correlation_key").Ascending();
        Create.Index("ix_workflow_instance_created").OnTable("workflow_instance")
            .OnColumn("created_at").Descending();

        Create.Table("workflow_bookmark")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_workflow_bookmark")
            .WithColumn("instance_id").AsGuid().NotNullable()
                .ForeignKey("fk_workflow_bookmark_instance", "workflow_instance", "id")
            .WithColumn("node_id").AsString(100).NotNullable()
            .WithColumn("activity_type").AsString(100).NotNullable()
            .WithColumn("due_at").AsDateTimeOffset().Nullable()
            .WithColumn("data").AsString(4000).Nullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("lease_owner").AsString(100).Nullable()
            .WithColumn("lease_until").AsDateTimeOffset().Nullable();
        Create.Index("ix_workflow_bookmark_instance").OnTable("workflow_bookmark").OnColumn("instance_id").Ascending();
        Create.Index("ix_workflow_bookmark_due").OnTable("workflow_bookmark").OnColumn("due_at").Ascending();

        Create.Table("workflow_journal")
            .WithColumn("instance_id").AsGuid().NotNullable().PrimaryKey("pk_workflow_journal")
                .ForeignKey("fk_workflow_journal_instance", "workflow_instance", "id")
            .WithColumn("seq").AsInt32().NotNullable().PrimaryKey("pk_workflow_journal")
            .WithColumn("at").AsDateTimeOffset().NotNullable()
            .WithColumn("event").AsString(16).NotNullable()
            .WithColumn("node_id").AsString(100).Nullable()
            .WithColumn("activity_type").AsString(100).Nullable()
            .WithColumn("outcome").AsString(100).Nullable()
            .WithColumn("actor").AsString(200).Nullable()
            .WithColumn("detail").AsString(2000).Nullable();

        Create.Table("workflow_outbox")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_workflow_outbox")
            .WithColumn("instance_id").AsGuid().Nullable()
            .WithColumn("node_id").AsString(100).Nullable()
            .WithColumn("to_address").AsString(320).NotNullable()
            .WithColumn("subject").AsString(500).NotNullable()
            .WithColumn("body").AsString(int.MaxValue).NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("sent_at").AsDateTimeOffset().Nullable()
            .WithColumn("attempts").AsInt32().NotNullable()
            .WithColumn("last_error").AsString(2000).Nullable()
            .WithColumn("lease_owner").AsString(100).Nullable()
            .WithColumn("lease_until").AsDateTimeOffset().Nullable();
        Create.Index("ix_workflow_outbox_pending").OnTable("workflow_outbox")
            .OnColumn("sent_at").Ascending().OnColumn("created_at").Ascending();
    }

    public override void Down()
    {
        Delete.Table("workflow_outbox");
        Delete.Table("workflow_journal");
        Delete.Table("workflow_bookmark");
        Delete.Table("workflow_instance");
        Delete.Table("workflow_definition_version");
        Delete.Index("ux_workflow_definition_name").OnTable("workflow_definition");
        Create.Index("ux_workflow_definition_name_version").OnTable("workflow_definition")
            .OnColumn("name").Ascending().OnColumn("version").Descending().WithOptions().Unique();
    }
}
