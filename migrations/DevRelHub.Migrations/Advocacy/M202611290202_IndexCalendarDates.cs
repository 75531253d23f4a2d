using FluentMigrator;

namespace DevRelHub.Migrations.Advocacy;

/// <summary>The calendar looks events up by each of their dates; each gets an index so a month reads only its own events.</summary>
[Migration(202611290202, "Advocacy: indexes for the calendar's dates")]
public sealed class M202611290202_IndexCalendarDates : Migration
{
    public override void Up()
    {
        Create.Index("ix_advocacy_event_ends_on").OnTable("advocacy_event").OnColumn("ends_on").Ascending();
        Create.Index("ix_advocacy_event_cfp_opens_on").OnTable("advocacy_event").OnColumn("cfp_opens_on").Ascending();
        Create.Index("ix_advocacy_event_notification_on").OnTable("advocacy_event").OnColumn("notification_on").Ascending();
    }

    public override void Down()
    {
        Delete.Index("ix_advocacy_event_notification_on").OnTable("advocacy_event");
        Delete.Index("ix_advocacy_event_cfp_opens_on").OnTable("advocacy_event");
        Delete.Index("ix_advocacy_event_ends_on").OnTable("advocacy_event");
    }
}
