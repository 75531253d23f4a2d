using DevRelHub.Advocacy.Contracts;
using Mediator;

namespace DevRelHub.Advocacy;

/// <summary>
/// What changed in advocacy, as it happens, for the pages open in other people's browsers: a list showing
/// activities, invitations or contributions reloads when one is logged, changed or removed. The same
/// notifications reach Metrics through the mediator.
/// </summary>
internal sealed class AdvocacyChanges
{
    public event Action<INotification>? Changed;

    public void Raise(INotification change) => Changed?.Invoke(change);
}

internal sealed class AdvocacyChangesRelay(AdvocacyChanges changes) :
    INotificationHandler<ActivityLogged>,
    INotificationHandler<ActivityChanged>,
    INotificationHandler<ActivityRemoved>,
    INotificationHandler<InvitationReceived>,
    INotificationHandler<CommunityContributionRecorded>
{
    public ValueTask Handle(ActivityLogged notification, CancellationToken cancellationToken) => Relay(notification);

    public ValueTask Handle(ActivityChanged notification, CancellationToken cancellationToken) => Relay(notification);

    public ValueTask Handle(ActivityRemoved notification, CancellationToken cancellationToken) => Relay(notification);

    public ValueTask Handle(InvitationReceived notification, CancellationToken cancellationToken) => Relay(notification);

    public ValueTask Handle(CommunityContributionRecorded notification, CancellationToken cancellationToken) => Relay(notification);

    private ValueTask Relay(INotification notification)
    {
        changes.Raise(notification);
        return ValueTask.CompletedTask;
    }
}
