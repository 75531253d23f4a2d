using FluentMigrator;

namespace DevRelHub.Migrations.Hiring;

/// <summary>
/// The hiring process: openings with their checklists, the candidate's profile, applications run by the
/// workflow engine, the stages they pass through (kept apart from personal data, so the funnel survives an
/// erasure), one timeline per application, interviews, scorecards and the e-mail templates.
/// </summary>
[Migration(202611290102, "Hiring: openings, applications, stages, timeline, interviews, scorecards, templates")]
public sealed class M202611290102_CreateHiringProcess : Migration
{
    public override void Up()
    {
        Alter.Table("hiring_candidate")
            .AddColumn("phone").AsString(64).Nullable()
            .AddColumn("links").AsString(2000).Nullable()
            .AddColumn("follower_count").AsInt32().Nullable()
            .AddColumn("years_speaking").AsInt32().Nullable()
            .AddColumn("largest_audience").AsInt32().Nullable()
            .AddColumn("specialties").AsString(200).Nullable()
            .AddColumn("open_source_roles").AsString(2000).Nullable()
            .AddColumn("erased_at").AsDateTimeOffset().Nullable();
        Delete.Index("ix_hiring_candidate_full_name").OnTable("hiring_candidate");
        Create.Index("ix_hiring_candidate_listing").OnTable("hiring_candidate")
            .OnColumn("erased_at").Ascending().OnColumn("full_name").Ascending().OnColumn("id").Ascending();

        Create.Table("hiring_opening")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_hiring_opening")
            .WithColumn("title").AsString(200).NotNullable()
            .WithColumn("level").AsString(32).NotNullable()
            .WithColumn("description").AsString(4000).Nullable()
            .WithColumn("is_open").AsBoolean().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();

        Create.Table("hiring_opening_requirement")
            .WithColumn("opening_id").AsGuid().NotNullable().PrimaryKey("pk_hiring_opening_requirement")
                .ForeignKey("fk_hiring_opening_requirement_opening", "hiring_opening", "id")
            .WithColumn("position").AsInt32().NotNullable().PrimaryKey("pk_hiring_opening_requirement")
            .WithColumn("text").AsString(500).NotNullable();

        Create.Table("hiring_application")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_hiring_application")
            .WithColumn("candidate_id").AsGuid().NotNullable()
                .ForeignKey("fk_hiring_application_candidate", "hiring_candidate", "id")
            .WithColumn("opening_id").AsGuid().NotNullable()
                .ForeignKey("fk_hiring_application_opening", "hiring_opening", "id")
            .WithColumn("instance_id").AsGuid().NotNullable()
            .WithColumn("stage").AsString(200).Nullable()
            .WithColumn("stage_node_id").AsString(100).Nullable()
            .WithColumn("stage_entered_at").AsDateTimeOffset().Nullable()
            .WithColumn("status").AsString(16).NotNullable()
            .WithColumn("decision_reason").AsString(2000).Nullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("closed_at").AsDateTimeOffset().Nullable();
        Create.Index("ix_hiring_application_candidate").OnTable("hiring_application").OnColumn("candidate_id");
        Create.Index("ix_hiring_application_opening").OnTable("hiring_application").OnColumn("opening_id");
        Create.Index("ix_hiring_application_open").OnTable("hiring_application")
            .OnColumn("closed_at").Ascending().OnColumn("stage_entered_at").Ascending();

        Create.Table("hiring_screening_check")
            .WithColumn("application_id").AsGuid().NotNullable().PrimaryKey("pk_hiring_screening_check")
                .ForeignKey("fk_hiring_screening_check_application", "hiring_application", "id")
            .WithColumn("position").AsInt32().NotNullable().PrimaryKey("pk_hiring_screening_check")
            .WithColumn("met").AsBoolean().NotNullable()
            .WithColumn("checked_by").AsString(320).NotNullable()
            .WithColumn("checked_at").AsDateTimeOffset().NotNullable();

        Create.Table("hiring_stage_visit")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_hiring_stage_visit")
            .WithColumn("application_id").AsGuid().NotNullable()
                .ForeignKey("fk_hiring_stage_visit_application", "hiring_application", "id")
            .WithColumn("stage").AsString(200).NotNullable()
            .WithColumn("node_id").AsString(100).NotNullable()
            .WithColumn("activity_type").AsString(100).NotNullable()
            .WithColumn("entered_at").AsDateTimeOffset().NotNullable()
            .WithColumn("left_at").AsDateTimeOffset().Nullable()
            .WithColumn("outcome").AsString(32).Nullable();
        Create.Index("ix_hiring_stage_visit_application").OnTable("hiring_stage_visit").OnColumn("application_id");
        Create.Index("ix_hiring_stage_visit_entered").OnTable("hiring_stage_visit")
            .OnColumn("entered_at").Ascending().OnColumn("stage").Ascending().OnColumn("activity_type").Ascending();
        Create.Index("ix_hiring_stage_visit_left").OnTable("hiring_stage_visit")
            .OnColumn("left_at").Ascending().OnColumn("stage").Ascending().OnColumn("activity_type").Ascending().OnColumn("outcome").Ascending();

        Create.Table("hiring_timeline")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_hiring_timeline")
            .WithColumn("application_id").AsGuid().NotNullable()
                .ForeignKey("fk_hiring_timeline_application", "hiring_application", "id")
            .WithColumn("at").AsDateTimeOffset().NotNullable()
            .WithColumn("kind").AsString(32).NotNullable()
            .WithColumn("title").AsString(500).NotNullable()
            .WithColumn("detail").AsString(4000).Nullable()
            .WithColumn("actor").AsString(320).Nullable();
        Create.Index("ix_hiring_timeline_application").OnTable("hiring_timeline")
            .OnColumn("application_id").Ascending().OnColumn("at").Ascending();

        Create.Table("hiring_interview")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_hiring_interview")
            .WithColumn("application_id").AsGuid().NotNullable()
                .ForeignKey("fk_hiring_interview_application", "hiring_application", "id")
            .WithColumn("stage").AsString(200).NotNullable()
            .WithColumn("stage_node_id").AsString(100).NotNullable()
            .WithColumn("starts_at").AsDateTimeOffset().NotNullable()
            .WithColumn("duration_minutes").AsInt32().NotNullable()
            .WithColumn("location").AsString(500).Nullable()
            .WithColumn("video_link").AsString(500).Nullable()
            .WithColumn("status").AsString(16).NotNullable()
            .WithColumn("sequence").AsInt32().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_hiring_interview_application").OnTable("hiring_interview").OnColumn("application_id");
        Create.Index("ix_hiring_interview_starts").OnTable("hiring_interview").OnColumn("starts_at");

        Create.Table("hiring_interviewer")
            .WithColumn("interview_id").AsGuid().NotNullable().PrimaryKey("pk_hiring_interviewer")
                .ForeignKey("fk_hiring_interviewer_interview", "hiring_interview", "id")
            .WithColumn("email").AsString(320).NotNullable().PrimaryKey("pk_hiring_interviewer")
            .WithColumn("display_name").AsString(200).NotNullable()
            .WithColumn("time_zone").AsString(64).Nullable();
        Create.Index("ix_hiring_interviewer_email").OnTable("hiring_interviewer").OnColumn("email");

        Create.Table("hiring_scorecard")
            .WithColumn("id").AsGuid().NotNullable().PrimaryKey("pk_hiring_scorecard")
            .WithColumn("interview_id").AsGuid().NotNullable()
                .ForeignKey("fk_hiring_scorecard_interview", "hiring_interview", "id")
            .WithColumn("interviewer_email").AsString(320).NotNullable()
            .WithColumn("recommendation").AsInt32().NotNullable()
            .WithColumn("notes").AsString(4000).Nullable()
            .WithColumn("submitted_at").AsDateTimeOffset().NotNullable();
        Create.Index("ux_hiring_scorecard_interviewer").OnTable("hiring_scorecard")
            .OnColumn("interview_id").Ascending().OnColumn("interviewer_email").Ascending().WithOptions().Unique();

        Create.Table("hiring_scorecard_rating")
            .WithColumn("scorecard_id").AsGuid().NotNullable().PrimaryKey("pk_hiring_scorecard_rating")
                .ForeignKey("fk_hiring_scorecard_rating_scorecard", "hiring_scorecard", "id")
            .WithColumn("attribute").AsString(500).NotNullable().PrimaryKey("pk_hiring_scorecard_rating")
            .WithColumn("rating").AsInt32().NotNullable();

        Create.Table("hiring_email_template")
            .WithColumn("template_key").AsString(32).NotNullable().PrimaryKey("pk_hiring_email_template")
            .WithColumn("subject").AsString(500).NotNullable()
            .WithColumn("body").AsString(8000).NotNullable()
            .WithColumn("updated_at").AsDateTimeOffset().NotNullable()
            .WithColumn("updated_by").AsString(320).NotNullable();
    }

    public override void Down()
    {
        Delete.Table("hiring_email_template");
        Delete.Table("hiring_scorecard_rating");
        Delete.Table("hiring_scorecard");
        Delete.Table("hiring_interviewer");
        Delete.Table("hiring_interview");
        Delete.Table("hiring_timeline");
        Delete.Table("hiring_stage_visit");
        Delete.Table("hiring_screening_check");
        Delete.Table("hiring_application");
        Delete.Table("hiring_opening_requirement");
        Delete.Table("hiring_opening");
        Delete.Index("ix_hiring_candidate_listing").OnTable("hiring_candidate");
        Create.Index("ix_hiring_candidate_full_name").OnTable("hiring_candidate").OnColumn("full_name").Ascending().OnColumn("id").Ascending();
        foreach (var column in new[] { "phone", "links", "follower_count", "years_speaking", "largest_audience", "specialties", "open_source_roles", "erased_at" })
        {
            Delete.Column(column).FromTable("hiring_candidate");
        }
    }
}
