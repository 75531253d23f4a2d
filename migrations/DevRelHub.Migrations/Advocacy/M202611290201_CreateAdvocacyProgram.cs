using FluentMigrator;

namespace DevRelHub.Migrations.Advocacy;

/// <summary>
/// Advocacy grows from a log of titles to the program: advocates' profiles, accounts and follower series;
/// activities' fields per kind (JSON), tags, co-authors and import keys; events with their CFPs and the
/// submissions to them; trips; invitations; champions and their contributions.
/// </summary>
[Migration(202611290201, "Advocacy: profiles, activity details, events and CFPs, travel, invitations, contributions")]
public sealed class M202611290201_CreateAdvocacyProgram : Migration
{
    public override void Up()
    {
        Alter.Table("advocacy_advocate")
            .AddColumn("level").AsString(40).NotNullable().WithDefaultValue("DeveloperAdvocate")
            .AddColumn("time_zone").AsString(64).Nullable()
            .AddColumn("specialties").AsString(200).Nullable()
            .AddColumn("candidate_id").AsGuid().Nullable()
            .AddColumn("feed_token").AsString(64).Nullable()
            .AddColumn("updated_at").AsDateTimeOffset().Nullable();
        Create.Index("ix_advocacy_advocate_feed_token").OnTable("advocacy_advocate").OnColumn("feed_token").Ascending();

        Create.Table("advocacy_account")
            .WithColumn("advocate_id").AsGuid().NotNullable().PrimaryKey("pk_advocacy_account")
                .ForeignKey("fk_advocacy_account_advocate", "advocacy_advocate", "id")
            .WithColumn("network").AsString(40).NotNullable().PrimaryKey("pk_advocacy_account")
            .WithColumn("handle").AsString(200).NotNullable()
            .WithColumn("url").AsString(2048).Nullable();

        Create.Table("advocacy_follower_count")
            .WithColumn("advocate_id").AsGuid().NotNullable().PrimaryKey("pk_advocacy_follower_count")
                .ForeignKey("fk_advocacy_follower_count_advocate", "advocacy_advocate", "id")
            .WithColumn("network").AsString(40).NotNullable().PrimaryKey("pk_advocacy_follower_count")
            .WithColumn("counted_on").AsDate().NotNullable().PrimaryKey("pk_advocacy_follower_count")
            .WithColumn("followers").AsInt64().NotNullable();

        Alter.Table("advocacy_activity")
            .AddColumn("details").AsString(int.MaxValue).Nullable()
            .AddColumn("updated_at").AsDateTimeOffset().Nullable();
        Create.Index("ix_advocacy_activity_kind").OnTable("advocacy_activity")
            .OnColumn("kind").Ascending()
            .OnColumn("occurred_on").Descending();

        Create.Table("advocacy_activity_tag")
            .WithColumn("activity_id").AsGuid().NotNullable().PrimaryKey("pk_advocacy_activity_tag")
                .ForeignKey("fk_advocacy_activity_tag_activity", "advocacy_activity", "id")
            .WithColumn("tag").AsString(60).NotNullable().PrimaryKey("pk_advocacy_activity_tag");
        Create.Index("ix_advocacy_activity_tag_tag").OnTable("advocacy_activity_tag")
            .OnColumn("tag").Ascending()
            .OnColumn("activity_id").Ascending();

        Create.Table("advocacy_activity_coauthor")
            .WithColumn("activity_id").AsGuid().NotNullable().PrimaryKey("pk_advocacy_activity_coauthor")
                .ForeignKey("fk_advocacy_activity_coauthor_activity", "advocacy_activity", "id")
            .WithColumn("advocate_id").AsGuid().NotNullable().PrimaryKey("pk_advocacy_activity_coauthor")
                .ForeignKey("fk_advocacy_activity_coauthor_advocate", "advocacy_advocate", "id");

        Create.Table("advocacy_activity_import")
            .WithColumn("import_key").AsString(64).NotNullable().PrimaryKey("pk_advocacy_activity_import")
            .WithColumn("activity_id").AsGuid().NotNullable()
                .ForeignKey("fk_advocacy_activity_import_activity", "advocacy_activity", "id")
            .WithColumn("file_name").AsString(260).NotNullable()
            .WithColumn("line").AsInt32().NotNullable()
            .WithColumn("imported_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_advocacy_activity_import_activity").OnTable("advocacy_activity_import").OnColumn("activity_id").Ascending();

        Create.Table("advocacy_event")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_advocacy_event")
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("kind").AsString(20).NotNullable()
            .WithColumn("starts_on").AsDate().NotNullable()
            .WithColumn("ends_on").AsDate().NotNullable()
            .WithColumn("city").AsString(100).Nullable()
            .WithColumn("online").AsBoolean().NotNullable()
            .WithColumn("url").AsString(2048).Nullable()
            .WithColumn("cfp_opens_on").AsDate().Nullable()
            .WithColumn("cfp_closes_at").AsDateTimeOffset().Nullable()
            .WithColumn("notification_on").AsDate().Nullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("updated_at").AsDateTimeOffset().Nullable();
        Create.Index("ix_advocacy_event_starts_on").OnTable("advocacy_event").OnColumn("starts_on").Ascending();
        Create.Index("ix_advocacy_event_cfp_closes_at").OnTable("advocacy_event").OnColumn("cfp_closes_at").Ascending();

        Create.Table("advocacy_submission")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_advocacy_submission")
            .WithColumn("event_id").AsGuid().NotNullable().ForeignKey("fk_advocacy_submission_event", "advocacy_event", "id")
            .WithColumn("advocate_id").AsGuid().NotNullable().ForeignKey("fk_advocacy_submission_advocate", "advocacy_advocate", "id")
            .WithColumn("title").AsString(300).NotNullable()
            .WithColumn("abstract").AsString(int.MaxValue).Nullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("activity_id").AsGuid().Nullable().ForeignKey("fk_advocacy_submission_activity", "advocacy_activity", "id")
            .WithColumn("reminder_instance_id").AsGuid().Nullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("submitted_at").AsDateTimeOffset().Nullable()
            .WithColumn("updated_at").AsDateTimeOffset().Nullable();
        Create.Index("ix_advocacy_submission_advocate").OnTable("advocacy_submission")
            .OnColumn("advocate_id").Ascending()
            .OnColumn("status").Ascending();
        Create.Index("ix_advocacy_submission_event").OnTable("advocacy_submission").OnColumn("event_id").Ascending();

        Create.Table("advocacy_trip")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_advocacy_trip")
            .WithColumn("advocate_id").AsGuid().NotNullable().ForeignKey("fk_advocacy_trip_advocate", "advocacy_advocate", "id")
            .WithColumn("event_id").AsGuid().Nullable().ForeignKey("fk_advocacy_trip_event", "advocacy_event", "id")
            .WithColumn("destination").AsString(200).NotNullable()
            .WithColumn("departs_on").AsDate().NotNullable()
            .WithColumn("returns_on").AsDate().NotNullable()
            .WithColumn("purpose").AsString(500).Nullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_advocacy_trip_departs_on").OnTable("advocacy_trip")
            .OnColumn("departs_on").Ascending()
            .OnColumn("returns_on").Ascending();
        Create.Index("ix_advocacy_trip_advocate").OnTable("advocacy_trip")
            .OnColumn("advocate_id").Ascending()
            .OnColumn("departs_on").Ascending();

        Create.Table("advocacy_invitation")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_advocacy_invitation")
            .WithColumn("advocate_id").AsGuid().NotNullable().ForeignKey("fk_advocacy_invitation_advocate", "advocacy_advocate", "id")
            .WithColumn("kind").AsString(30).NotNullable()
            .WithColumn("effort").AsString(300).NotNullable()
            .WithColumn("invited_by").AsString(200).NotNullable()
            .WithColumn("invited_on").AsDate().NotNullable()
            .WithColumn("answer").AsString(20).NotNullable()
            .WithColumn("answered_on").AsDate().Nullable()
            .WithColumn("notes").AsString(2000).Nullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("updated_at").AsDateTimeOffset().Nullable();
        Create.Index("ix_advocacy_invitation_invited_on").OnTable("advocacy_invitation").OnColumn("invited_on").Descending();
        Create.Index("ix_advocacy_invitation_advocate").OnTable("advocacy_invitation")
            .OnColumn("advocate_id").Ascending()
            .OnColumn("invited_on").Descending();

        Create.Table("advocacy_champion")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_advocacy_champion")
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("email").AsString(254).Nullable()
            .WithColumn("handle").AsString(100).Nullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_advocacy_champion_name").OnTable("advocacy_champion").OnColumn("name").Ascending();

        Create.Table("advocacy_contribution")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_advocacy_contribution")
            .WithColumn("champion_id").AsGuid().NotNullable().ForeignKey("fk_advocacy_contribution_champion", "advocacy_champion", "id")
            .WithColumn("kind").AsString(30).NotNullable()
            .WithColumn("title").AsString(300).NotNullable()
            .WithColumn("url").AsString(2048).NotNullable()
            .WithColumn("contributed_on").AsDate().NotNullable()
            .WithColumn("activity_id").AsGuid().Nullable().ForeignKey("fk_advocacy_contribution_activity", "advocacy_activity", "id")
            .WithColumn("campaign").AsString(200).Nullable()
            .WithColumn("recorded_by").AsString(254).NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_advocacy_contribution_contributed_on").OnTable("advocacy_contribution").OnColumn("contributed_on").Descending();
        Create.Index("ix_advocacy_contribution_champion").OnTable("advocacy_contribution")
            .OnColumn("champion_id").Ascending()
            .OnColumn("contributed_on").Ascending();
    }

    public override void Down()
    {
        Delete.Table("advocacy_contribution");
        Delete.Table("advocacy_champion");
        Delete.Table("advocacy_invitation");
        Delete.Table("advocacy_trip");
        Delete.Table("advocacy_submission");
        Delete.Table("advocacy_event");
        Delete.Table("advocacy_activity_import");
        Delete.Table("advocacy_activity_coauthor");
        Delete.Table("advocacy_activity_tag");
        Delete.Index("ix_advocacy_activity_kind").OnTable("advocacy_activity");
        Delete.Column("details").FromTable("advocacy_activity");
        Delete.Column("updated_at").FromTable("advocacy_activity");
        Delete.Table("advocacy_follower_count");
        Delete.Table("advocacy_account");
        Delete.Index("ix_advocacy_advocate_feed_token").OnTable("advocacy_advocate");
        foreach (var column in new[] { "level", "time_zone", "specialties", "candidate_id", "feed_token", "updated_at" })
        {
            Delete.Column(column).FromTable("advocacy_advocate");
        }
    }
}
