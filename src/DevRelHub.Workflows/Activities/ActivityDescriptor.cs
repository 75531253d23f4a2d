using System.Text.Json.Serialization;

namespace DevRelHub.Workflows.Activities;

/// <summary>How an activity runs: it completes at once, it waits for a person or a message, or it waits for a time.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActivityBehaviour>))]
public enum ActivityBehaviour
{
    Automatic,
    Blocking,
    Timer,
}

/// <summary>What kind of value an input holds; the designer picks its editor from this.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActivityInputKind>))]
public enum ActivityInputKind
{
    Text,
    Number,
    Duration,
    Role,
    EmailTemplate,
    Expression,
    Variable,
    Outcomes,
}

public sealed record ActivityInput(string Name, ActivityInputKind Kind, bool Required, string Description);

/// <summary>
/// What the engine and the designer know of an activity type: its inputs, its outcomes and how it runs.
/// Modules contribute their own (ScreeningCall, Offer …) by registering one in the container.
/// </summary>
/// <param name="Outcomes">The outcomes every node of this type has.</param>
/// <param name="OutcomesInput">An input of kind <see cref="ActivityInputKind.Outcomes"/> whose comma-separated values are further outcomes, chosen per node (a human task's choices).</param>
/// <param name="IsStart">Whether a workflow begins here; a workflow has exactly one such node.</param>
/// <param name="FansOut">Whether each outcome may lead to several nodes at once (a fork).</param>
public sealed record ActivityDescriptor(
    string Type,
    string Category,
    string Description,
    ActivityBehaviour Behaviour,
    IReadOnlyList<ActivityInput> Inputs,
    IReadOnlyList<string> Outcomes,
    string? OutcomesInput = null,
    bool IsStart = false,
    bool FansOut = false)
{
    /// <summary>The outcomes of one node of this type: the fixed ones and those its outcomes input names.</summary>
    public IReadOnlyList<string> OutcomesOf(Definitions.WorkflowNode node) =>
        OutcomesInput is not null && node.Input(OutcomesInput) is { } chosen
            ? [.. Outcomes, .. chosen.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : Outcomes;
}
