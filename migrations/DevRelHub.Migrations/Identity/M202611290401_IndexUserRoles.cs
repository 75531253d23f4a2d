using FluentMigrator;

namespace DevRelHub.Migrations.Identity;

[Migration(202611290401, "Identity: users by role, for the executives a report goes to")]
public sealed class M202611290401_IndexUserRoles : Migration
{
    public override void Up() =>
        Create.Index("ix_identity_user_role").OnTable("identity_user").OnColumn("role").Ascending().OnColumn("display_name").Ascending();

    public override void Down() => Delete.Index("ix_identity_user_role").OnTable("identity_user");
}
