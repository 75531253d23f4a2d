namespace DevRelHub.Workflows.Activities;

/// <summary>The activities every workflow can use, whatever module runs it.</summary>
public static class BuiltInActivities
{
    public const string Done = nameof(Done);

    public static ActivityDescriptor Start { get; } = new(
        nameof(Start), "Flow", "Where the workflow begins.", ActivityBehaviour.Automatic, [], [Done], IsStart: true);

    public static ActivityDescriptor End { get; } = new(
        nameof(End), "Flow", "Where a path of the workflow finishes.", ActivityBehaviour.Automatic, [], []);

    public static ActivityDescriptor Decision { get; } = new(
        nameof(Decision), "Flow", "Goes one way or the other on a condition over the workflow's variables.", ActivityBehaviour.Automatic,
        [new("Condition", ActivityInputKind.Expression, Required: true, "For example: score >= 3 and level == \"Senior\"")],
        ["True", "False"]);

    public static ActivityDescriptor Fork { get; } = new(
        nameof(Fork), "Flow", "Starts several paths at once.", ActivityBehaviour.Automatic, [], ["Branches"], FansOut: true);

    public static ActivityDescriptor Join { get; } = new(
        nameof(Join), "Flow", "Waits for paths started by a fork: all of them, any one, or N of them.", ActivityBehaviour.Automatic,
        [new("Mode", ActivityInputKind.Text, Required: true, "all, any, or a number N")],
        [Done]);

    public static ActivityDescriptor Delay { get; } = new(
        nameof(Delay), "Time", "Waits for a while.", ActivityBehaviour.Timer,
        [new("Duration", ActivityInputKind.Duration, Required: true, "For example: 7.00:00:00 for a week")],
        [Done]);

    public static ActivityDescriptor Timer { get; } = new(
        nameof(Timer), "Time", "Waits until the date a variable holds.", ActivityBehaviour.Timer,
        [new("Until", ActivityInputKind.Variable, Required: true, "The variable holding the date and time")],
        [Done]);

    public static ActivityDescriptor HumanTask { get; } = new(
        nameof(HumanTask), "People", "Waits for a person in a role to choose one of the outcomes.", ActivityBehaviour.Blocking,
        [
            new("AssigneeRole", ActivityInputKind.Role, Required: true, "Who does the task"),
            new("DueIn", ActivityInputKind.Duration, Required: false, "How long they have"),
            new("Choices", ActivityInputKind.Outcomes, Required: true, "The outcomes they choose from, comma-separated"),
        ],
        [],
        OutcomesInput: "Choices");

    public static ActivityDescriptor SendEmail { get; } = new(
        nameof(SendEmail), "Messages", "Sends an e-mail through the outbox: never lost, never sent twice.", ActivityBehaviour.Automatic,
        [
            new("To", ActivityInputKind.Expression, Required: true, "The address, or a variable holding it"),
            new("Template", ActivityInputKind.EmailTemplate, Required: true, "The e-mail's subject and body"),
        ],
        [Done]);

    public static ActivityDescriptor SetVariable { get; } = new(
        nameof(SetVariable), "Data", "Sets a workflow variable to the value of an expression.", ActivityBehaviour.Automatic,
        [
            new("Variable", ActivityInputKind.Variable, Required: true, "The variable to set"),
            new("Value", ActivityInputKind.Expression, Required: true, "The value"),
        ],
        [Done]);

    public static IReadOnlyList<ActivityDescriptor> All { get; } = [Start, End, Decision, Fork, Join, Delay, Timer, HumanTask, SendEmail, SetVariable];
}
