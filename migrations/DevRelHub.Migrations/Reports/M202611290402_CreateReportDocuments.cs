using FluentMigrator;

namespace DevRelHub.Migrations.Reports;

[Migration(202611290402, "Reports: the reports generated and sent, and the one scheduled delivery per quarter")]
public sealed class M202611290402_CreateReportDocuments : Migration
{
    public override void Up()
    {
        Create.Table("reports_document")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_reports_document")
            .WithColumn("quarter").AsString(7).NotNullable()
            .WithColumn("reason").AsString(16).NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("created_by").AsString(254).NotNullable()
            .WithColumn("recipients").AsInt32().NotNullable()
            .WithColumn("size").AsInt32().NotNullable()
            .WithColumn("content").AsBinary(int.MaxValue).NotNullable();
        Create.Index("ix_reports_document_created_at").OnTable("reports_document").OnColumn("created_at").Descending();

        // Its primary key is what makes the scheduled delivery happen once per quarter, however many hosts try.
        Create.Table("reports_delivery")
            .WithColumn("quarter").AsString(7).NotNullable().PrimaryKey("pk_reports_delivery")
            .WithColumn("document_id").AsGuid().NotNullable()
            .WithColumn("delivered_at").AsDateTimeOffset().NotNullable();
    }

    public override void Down()
    {
        Delete.Table("reports_delivery");
        Delete.Table("reports_document");
    }
}
