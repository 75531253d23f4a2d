using System.Text.Json.Nodes;
using DevRelHub.Workflows.Definitions;

namespace DevRelHub.Workflows.Activities;

/// <summary>
/// An activity type the engine runs. A module adds one in a short class: a descriptor (inputs, outcomes,
/// behaviour) and what happens when a node of that type is reached and, if it waits, when it is resumed.
/// Register it with <c>services.AddActivity&lt;T&gt;()</c>; the designer's toolbox lists it from then on.
/// </summary>
public abstract class Activity(ActivityDescriptor descriptor)
{
    public ActivityDescriptor Descriptor { get; } = descriptor;

    /// <summary>The node is reached: complete with an outcome, or suspend on a bookmark.</summary>
    public abstract ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>A bookmark of this node is resumed with a stimulus (a person's choice, a due time).</summary>
    public virtual ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Stimulus stimulus) =>
        ValueTask.FromResult(ActivityResult.Complete(context.ChosenOutcome(stimulus)));

    /// <summary>What is wrong with a node's input values, beyond required ones missing; the validator lists these with the node.</summary>
    public virtual IEnumerable<string> CheckInputs(WorkflowNode node) => [];
}

/// <summary>
/// An activity that waits for someone: it suspends when reached and completes with the outcome the
/// stimulus names (one of its outcomes). The whole of a module's blocking step, for example
/// <c>sealed class ScreeningCall() : BlockingActivity(new("ScreeningCall", "Hiring", "…", ActivityBehaviour.Blocking, [], ["Pass", "Decline"]));</c>
/// </summary>
public abstract class BlockingActivity(ActivityDescriptor descriptor) : Activity(descriptor)
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Suspend(data: BookmarkData(context)));

    /// <summary>What the bookmark tells whoever lists waiting work (an assignee, a due date); nothing by default.</summary>
    protected virtual JsonObject? BookmarkData(ActivityContext context) => null;
}

/// <summary>What a node did: completed with an outcome, suspended on a bookmark, or ended its path here (a join waiting for others).</summary>
public sealed record ActivityResult
{
    private ActivityResult()
    {
    }

    public string? Outcome { get; private init; }

    public bool Suspends { get; private init; }

    public DateTimeOffset? DueAt { get; private init; }

    public JsonObject? Data { get; private init; }

    public bool EndsPath => Outcome is null && !Suspends;

    public static ActivityResult Complete(string outcome) => new() { Outcome = outcome };

    public static ActivityResult Suspend(DateTimeOffset? dueAt = null, JsonObject? data = null) => new() { Suspends = true, DueAt = dueAt, Data = data };

    public static ActivityResult EndPath() => new();
}

/// <summary>What resumes a bookmark: who, with what choice, and any values to merge into the instance's variables.</summary>
/// <param name="Roles">The actor's roles; null for the engine itself (a due timer), which may resume anything.</param>
public sealed record Stimulus(string Actor, IReadOnlyCollection<string>? Roles = null, string? Outcome = null, JsonObject? Variables = null)
{
    public static Stimulus Timer { get; } = new("timer");

    public bool MayActAs(string role, IReadOnlyCollection<string> supervisorRoles) =>
        Roles is null || Roles.Contains(role) || Roles.Any(supervisorRoles.Contains);
}

/// <summary>A stimulus the node refuses (an outcome it does not have, an actor not in its role); nothing is changed.</summary>
public sealed class StimulusRefusedException(string message, bool forbidden = false) : Exception(message)
{
    public bool Forbidden { get; } = forbidden;
}
