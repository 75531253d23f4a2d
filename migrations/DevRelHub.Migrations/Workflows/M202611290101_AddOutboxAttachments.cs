using FluentMigrator;

namespace DevRelHub.Migrations.Workflows;

/// <summary>Outbox mail carries attachments (an interview invitation's .ics), as JSON beside the body.</summary>
[Migration(202611290101, "Workflows: outbox attachments")]
public sealed class M202611290101_AddOutboxAttachments : Migration
{
    public override void Up() =>
        Alter.Table("workflow_outbox").AddColumn("attachments").AsString(int.MaxValue).Nullable();

    public override void Down() => Delete.Column("attachments").FromTable("workflow_outbox");
}
