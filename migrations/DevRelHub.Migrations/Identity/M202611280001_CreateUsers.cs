using FluentMigrator;

namespace DevRelHub.Migrations.Identity;

[Migration(202611280001, "Identity: users who sign in")]
public sealed class M202611280001_CreateUsers : Migration
{
    public override void Up()
    {
        Create.Table("identity_user")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_identity_user")
            .WithColumn("email").AsString(254).NotNullable().Unique("ux_identity_user_email")
            .WithColumn("display_name").AsString(200).NotNullable()
            .WithColumn("role").AsString(32).NotNullable()
            .WithColumn("password_hash").AsString(500).NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();
    }

    public override void Down() => Delete.Table("identity_user");
}
