namespace DevRelHub.Hiring.Pipeline;

/// <summary>
/// Tells open boards and application pages in this process that an application changed, so every signed-in
/// recruiter sees a move without reloading. Several hosts behind a load balancer each tell their own circuits;
/// a page on another host catches up on its next refresh (the board also refreshes every minute).
/// </summary>
internal sealed class PipelineChanges
{
    public event Action<Guid>? Changed;

    public void Raise(Guid applicationId) => Changed?.Invoke(applicationId);
}
