using DevRelHub.Workflows.Definitions;
using DevRelHub.Workflows.Instances;
using DevRelHub.Workflows.Runtime;

namespace DevRelHub.Workflows.Tests.Support;

/// <summary>Graphs the tests run, written the way a designer would draw them.</summary>
internal static class Flows
{
    public static WorkflowNode Node(string id, string type, params (string Name, string Value)[] inputs) =>
        new(id, type, Inputs: inputs.ToDictionary(input => input.Name, input => input.Value));

    public static WorkflowConnection Link(string source, string outcome, string target) => new(source, outcome, target);

    /// <summary>Start → screening (recruiter: Pass/Decline) → Decision on score → offer mail or decline mail → end.</summary>
    public static WorkflowGraph HiringFlow() => new(
        [
            Node("start", "Start"),
            Node("screen", "HumanTask", ("AssigneeRole", "Recruiter"), ("Choices", "Pass, Decline"), ("DueIn", "P7D")),
            Node("strong", "Decision", ("Condition", "score >= 3 and level == \"Senior\"")),
            Node("offer", "SendEmail", ("To", "email"), ("Subject", "Your offer, {{name}}"), ("Body", "Dear {{name}}, welcome aboard.")),
            Node("decline", "SendEmail", ("To", "email"), ("Subject", "Your application"), ("Body", "Dear {{name}}, thank you.")),
            Node("end", "End"),
        ],
        [
            Link("start", "Done", "screen"), Link("screen", "Pass", "strong"), Link("screen", "Decline", "decline"),
            Link("strong", "True", "offer"), Link("strong", "False", "decline"), Link("offer", "Done", "end"), Link("decline", "Done", "end"),
        ]);

    /// <summary>Start → a wait of <paramref name="duration"/> → set fired = true → end.</summary>
    public static WorkflowGraph Wait(string duration) => new(
        [Node("start", "Start"), Node("wait", "Delay", ("Duration", duration)), Node("mark", "SetVariable", ("Variable", "fired"), ("Value", "true")), Node("end", "End")],
        [Link("start", "Done", "wait"), Link("wait", "Done", "mark"), Link("mark", "Done", "end")]);

    /// <summary>Start → four people's steps one after another → end: the benchmark's six-node flow.</summary>
    public static WorkflowGraph FourSteps() => new(
        [
            Node("start", "Start"),
            .. Enumerable.Range(1, 4).Select(i => Node($"step{i}", "HumanTask", ("AssigneeRole", "Recruiter"), ("Choices", "Done"))),
            Node("end", "End"),
        ],
        [
            Link("start", "Done", "step1"), Link("step1", "Done", "step2"), Link("step2", "Done", "step3"),
            Link("step3", "Done", "step4"), Link("step4", "Done", "end"),
        ]);

    public static async Task<Guid> PublishAsync(DevRelHubApp app, string name, WorkflowGraph graph)
    {
        var definition = await app.SendAsync(new CreateWorkflowDefinition(name));
        var draft = await app.SendAsync(new SaveWorkflowDraft(definition.Id, graph));
        Assert.Empty(draft.Problems);
        await app.SendAsync(new PublishWorkflowDefinition(definition.Id));
        return definition.Id;
    }

    public static async Task<WorkflowInstanceDetails> InstanceAsync(DevRelHubApp app, Guid id) => await app.SendAsync(new GetWorkflowInstance(id, JournalPageSize: 500));

    public static IEnumerable<string> Events(this WorkflowInstanceDetails details) =>
        details.Journal.Entries.Select(entry => entry.NodeId is null ? $"{entry.Event}" : $"{entry.Event} {entry.NodeId}{(entry.Outcome is null ? "" : ":" + entry.Outcome)}");
}
