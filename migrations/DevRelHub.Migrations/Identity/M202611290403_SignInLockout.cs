using FluentMigrator;

namespace DevRelHub.Migrations.Identity;

[Migration(202611290403, "Identity: failed sign-ins in a row and the lockout they lead to")]
public sealed class M202611290403_SignInLockout : Migration
{
    public override void Up() =>
        Alter.Table("identity_user")
            .AddColumn("failed_sign_ins").AsInt32().NotNullable().WithDefaultValue(0)
            .AddColumn("locked_until").AsDateTimeOffset().Nullable();

    public override void Down()
    {
        Delete.Column("locked_until").FromTable("identity_user");
        Delete.Column("failed_sign_ins").FromTable("identity_user");
    }
}
