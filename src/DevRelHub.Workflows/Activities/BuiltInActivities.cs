using System.Globalization;
using System.Text.Json.Nodes;
using DevRelHub.Workflows.Definitions;
using DevRelHub.Workflows.Expressions;

namespace DevRelHub.Workflows.Activities;

/// <summary>The activities every workflow can use, whatever module runs it.</summary>
public static class BuiltInActivities
{
    public const string Done = nameof(Done);

    public static IReadOnlyList<Activity> All { get; } =
        [new StartActivity(), new EndActivity(), new DecisionActivity(), new ForkActivity(), new JoinActivity(),
         new DelayActivity(), new TimerActivity(), new HumanTaskActivity(), new SendEmailActivity(), new SetVariableActivity()];

    internal static IEnumerable<string> CheckExpression(WorkflowNode node, string input) =>
        node.Input(input) is { } text && WorkflowExpression.Check(text) is { } problem ? [$"{input}: {problem}"] : [];
}

public sealed class StartActivity() : Activity(new(
    "Start", "Flow", "Where the workflow begins.", ActivityBehaviour.Automatic, [], [BuiltInActivities.Done], IsStart: true))
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Complete(BuiltInActivities.Done));
}

public sealed class EndActivity() : Activity(new(
    "End", "Flow", "Where a path of the workflow finishes.", ActivityBehaviour.Automatic, [], []))
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.EndPath());
}

public sealed class DecisionActivity() : Activity(new(
    "Decision", "Flow", "Goes one way or the other on a condition over the workflow's variables.", ActivityBehaviour.Automatic,
    [new("Condition", ActivityInputKind.Expression, Required: true, "For example: score >= 3 and level == \"Senior\"")],
    ["True", "False"]))
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Complete(
        WorkflowExpression.Parse(context.RequiredInput("Condition")).EvaluateCondition(context.Variables) ? "True" : "False"));

    public override IEnumerable<string> CheckInputs(WorkflowNode node) => BuiltInActivities.CheckExpression(node, "Condition");
}

public sealed class ForkActivity() : Activity(new(
    "Fork", "Flow", "Starts several paths at once.", ActivityBehaviour.Automatic, [], ["Branches"], FansOut: true))
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Complete("Branches"));
}

/// <summary>
/// Waits for the paths that lead into it: all of them, any one, or N. Arrivals are counted in the node's
/// state; once enough have come the workflow goes on, later arrivals of the same round end there, and
/// the count starts again when every incoming path has arrived (so a join inside a loop works each time round).
/// </summary>
public sealed class JoinActivity() : Activity(new(
    "Join", "Flow", "Waits for paths started by a fork: all of them, any one, or N of them.", ActivityBehaviour.Automatic,
    [new("Mode", ActivityInputKind.Text, Required: true, "all, any, or a number N")],
    [BuiltInActivities.Done]))
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var needed = Needed(context.RequiredInput("Mode"), context.IncomingConnections);
        var arrived = (context.NodeState["arrived"]?.GetValue<int>() ?? 0) + 1;
        context.NodeState["arrived"] = arrived >= context.IncomingConnections ? 0 : arrived;
        return ValueTask.FromResult(arrived == needed ? ActivityResult.Complete(BuiltInActivities.Done) : ActivityResult.EndPath());
    }

    public override IEnumerable<string> CheckInputs(WorkflowNode node) =>
        node.Input("Mode") is { } mode && !TryNeeded(mode, int.MaxValue, out _) ? [$"Mode must be all, any or a number of at least 1, not '{mode}'."] : [];

    private static int Needed(string mode, int incoming) =>
        TryNeeded(mode, incoming, out var needed) ? Math.Min(needed, Math.Max(incoming, 1)) : throw new InvalidOperationException($"Join mode '{mode}' is not all, any or a number.");

    private static bool TryNeeded(string mode, int incoming, out int needed)
    {
        needed = mode.Trim().ToLowerInvariant() switch
        {
            "all" => incoming,
            "any" => 1,
            var n when int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1 => count,
            _ => 0,
        };
        return needed > 0;
    }
}

public sealed class DelayActivity() : Activity(new(
    "Delay", "Time", "Waits for a while.", ActivityBehaviour.Timer,
    [new("Duration", ActivityInputKind.Duration, Required: true, "For example 7.00:00:00 or P7D for a week, PT45M for 45 minutes")],
    [BuiltInActivities.Done]))
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ActivityContext.TryParseDuration(context.RequiredInput("Duration"), out var duration)
            ? ValueTask.FromResult(ActivityResult.Suspend(dueAt: context.Now + duration))
            : throw new InvalidOperationException($"Duration '{context.Node.Input("Duration")}' is not a duration.");

    public override IEnumerable<string> CheckInputs(WorkflowNode node) =>
        node.Input("Duration") is { } text && !ActivityContext.TryParseDuration(text, out _) ? [$"Duration '{text}' is not a duration such as 7.00:00:00 or P7D."] : [];
}

public sealed class TimerActivity() : Activity(new(
    "Timer", "Time", "Waits until the date a variable holds.", ActivityBehaviour.Timer,
    [new("Until", ActivityInputKind.Variable, Required: true, "The variable holding the date and time")],
    [BuiltInActivities.Done]))
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var variable = context.RequiredInput("Until");
        return WorkflowExpression.ValueOf(context.Variables[variable]) is string text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var due)
                ? ValueTask.FromResult(ActivityResult.Suspend(dueAt: due.ToUniversalTime()))
                : throw new InvalidOperationException($"The variable {variable} does not hold a date and time.");
    }
}

public sealed class HumanTaskActivity() : BlockingActivity(new(
    "HumanTask", "People", "Waits for a person in a role to choose one of the outcomes.", ActivityBehaviour.Blocking,
    [
        new("AssigneeRole", ActivityInputKind.Role, Required: true, "Who does the task"),
        new("DueIn", ActivityInputKind.Duration, Required: false, "How long they have"),
        new("Choices", ActivityInputKind.Outcomes, Required: true, "The outcomes they choose from, comma-separated"),
    ],
    [],
    OutcomesInput: "Choices"))
{
    protected override JsonObject? BookmarkData(ActivityContext context)
    {
        var data = new JsonObject { ["assigneeRole"] = context.RequiredInput("AssigneeRole") };
        if (ActivityContext.TryParseDuration(context.Node.Input("DueIn"), out var dueIn))
        {
            data["dueBy"] = (context.Now + dueIn).ToString("O", CultureInfo.InvariantCulture);
        }
        return data;
    }

    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Stimulus stimulus)
    {
        var role = context.RequiredInput("AssigneeRole");
        return stimulus.MayActAs(role, context.SupervisorRoles)
            ? base.ResumeAsync(context, stimulus)
            : throw new StimulusRefusedException($"{context.Node.Name ?? context.Node.Id} is for the {role} role.", forbidden: true);
    }

    public override IEnumerable<string> CheckInputs(WorkflowNode node) =>
        node.Input("DueIn") is { } text && !ActivityContext.TryParseDuration(text, out _) ? [$"DueIn '{text}' is not a duration."] : [];
}

public sealed class SendEmailActivity() : Activity(new(
    "SendEmail", "Messages", "Sends an e-mail through the outbox: never lost, never sent twice.", ActivityBehaviour.Automatic,
    [
        new("To", ActivityInputKind.Expression, Required: true, "The address: a variable holding it, or \"text\""),
        new("Subject", ActivityInputKind.Text, Required: true, "The subject; {{name}} inserts a variable"),
        new("Body", ActivityInputKind.EmailTemplate, Required: true, "The message; {{name}} inserts a variable"),
    ],
    [BuiltInActivities.Done]))
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var to = context.Evaluate(context.RequiredInput("To")) as string;
        if (string.IsNullOrWhiteSpace(to) || !to.Contains('@', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"To gives '{to}', which is not an e-mail address.");
        }
        context.SendEmail(to, context.Render(context.RequiredInput("Subject")), context.Render(context.RequiredInput("Body")));
        return ValueTask.FromResult(ActivityResult.Complete(BuiltInActivities.Done));
    }

    public override IEnumerable<string> CheckInputs(WorkflowNode node) => BuiltInActivities.CheckExpression(node, "To");
}

public sealed class SetVariableActivity() : Activity(new(
    "SetVariable", "Data", "Sets a workflow variable to the value of an expression.", ActivityBehaviour.Automatic,
    [
        new("Variable", ActivityInputKind.Variable, Required: true, "The variable to set"),
        new("Value", ActivityInputKind.Expression, Required: true, "The value"),
    ],
    [BuiltInActivities.Done]))
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.Variables[context.RequiredInput("Variable")] = WorkflowExpression.ToJson(context.Evaluate(context.RequiredInput("Value")));
        return ValueTask.FromResult(ActivityResult.Complete(BuiltInActivities.Done));
    }

    public override IEnumerable<string> CheckInputs(WorkflowNode node) => BuiltInActivities.CheckExpression(node, "Value");
}
