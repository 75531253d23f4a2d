using FluentMigrator;

namespace DevRelHub.Migrations.Identity;

[Migration(202611290404, "Identity: the data-protection key ring, shared by every host so a cookie or token from one works on the others")]
public sealed class M202611290404_DataProtectionKeys : Migration
{
    public override void Up() =>
        Create.Table("identity_data_protection_key")
            .WithColumn("name").AsString(200).NotNullable().PrimaryKey("pk_identity_data_protection_key")
            .WithColumn("xml").AsString(int.MaxValue).NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();

    public override void Down() => Delete.Table("identity_data_protection_key");
}
