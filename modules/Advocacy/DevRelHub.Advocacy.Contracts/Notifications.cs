using Mediator;

namespace DevRelHub.Advocacy.Contracts;

/// <summary>An advocate logged an activity (by hand or by import).</summary>
public sealed record ActivityLogged(ActivitySummary Activity) : INotification;

/// <summary>An activity's record changed: its kind, date, advocate or title may differ from before.</summary>
public sealed record ActivityChanged(ActivitySummary Activity) : INotification;

public sealed record ActivityRemoved(Guid ActivityId) : INotification;

/// <summary>An advocate was invited to a community effort (or the invitation's answer changed).</summary>
public sealed record InvitationReceived(InvitationRecord Invitation) : INotification;

/// <summary>A community member's content was recorded.</summary>
public sealed record CommunityContributionRecorded(ContributionRecord Contribution) : INotification;
