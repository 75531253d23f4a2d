using FluentMigrator;

namespace DevRelHub.Migrations.Workflows;

/// <summary>
/// The timer service looks bookmarks up by due time; only timers and delays have one. A person's step waits without,
/// and every resume deletes one bookmark and adds the next: indexing their empty due time cost two index writes per
/// resume for a lookup that never finds them. The index keeps the bookmarks that have a due time (a partial index on
/// SQLite and PostgreSQL, a filtered one on SQL Server; the claim's <c>due_at &lt;= @Now</c> implies the condition).
/// </summary>
[Migration(202611292001, "Workflows: the due-time index holds only bookmarks that have a due time")]
public sealed class M202611292001_IndexOnlyDueBookmarks : Migration
{
    public override void Up()
    {
        Delete.Index("ix_workflow_bookmark_due").OnTable("workflow_bookmark");
        Execute.Sql("CREATE INDEX ix_workflow_bookmark_due ON workflow_bookmark (due_at) WHERE due_at IS NOT NULL");
    }

    public override void Down()
    {
        Delete.Index("ix_workflow_bookmark_due").OnTable("workflow_bookmark");
        Create.Index("ix_workflow_bookmark_due").OnTable("workflow_bookmark").OnColumn("due_at").Ascending();
    }
}
