using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Definitions;
using DevRelHub.Workflows.Definitions.Validate;

namespace DevRelHub.Workflows.Tests;

public sealed class GraphValidatorTests
{
    private static readonly WorkflowGraphValidator Validator = new(new ActivityRegistry([]));

    private static WorkflowNode Node(string id, string type, params (string Name, string Value)[] inputs) =>
        new(id, type, Inputs: inputs.ToDictionary(input => input.Name, input => input.Value));

    private static WorkflowConnection Link(string source, string outcome, string target) => new(source, outcome, target);

    /// <summary>Start → review (a person approves or rejects) → mail on approve → end; reject → end.</summary>
    private static WorkflowGraph Valid() => new(
        [
            Node("start", "Start"),
            Node("review", "HumanTask", ("AssigneeRole", "Recruiter"), ("Choices", "Approve, Reject")),
            Node("mail", "SendEmail", ("To", "candidate.email"), ("Subject", "Your offer"), ("Body", "Dear {{candidate.name}}")),
            Node("end", "End"),
        ],
        [Link("start", "Done", "review"), Link("review", "Approve", "mail"), Link("review", "Reject", "end"), Link("mail", "Done", "end")]);

    private static IReadOnlyList<string> Codes(WorkflowGraph graph) => [.. Validator.Validate(graph).Select(problem => problem.Code)];

    [Fact]
    public void A_complete_graph_has_no_problem()
    {
        Assert.Empty(Validator.Validate(Valid()));
    }

    [Fact]
    public void A_graph_without_start_says_so()
    {
        var graph = Valid() with { Nodes = [.. Valid().Nodes.Where(node => node.Id != "start")], Connections = [.. Valid().Connections.Skip(1)] };

        Assert.Contains("no-start", Codes(graph));
    }

    [Fact]
    public void Two_starts_are_named()
    {
        var graph = Valid() with { Nodes = [.. Valid().Nodes, Node("again", "Start")], Connections = [.. Valid().Connections, Link("again", "Done", "end")] };

        var problem = Assert.Single(Validator.Validate(graph), p => p.Code == "many-starts");
        Assert.Equal(["start", "again"], problem.NodeIds);
    }

    [Fact]
    public void A_node_no_path_reaches_is_named()
    {
        var graph = Valid() with { Nodes = [.. Valid().Nodes, Node("island", "SendEmail", ("To", "x"), ("Subject", "y"), ("Body", "z"))], Connections = [.. Valid().Connections, Link("island", "Done", "end")] };

        var problem = Assert.Single(Validator.Validate(graph), p => p.Code == "unreachable");
        Assert.Equal(["island"], problem.NodeIds);
    }

    [Fact]
    public void An_outcome_connected_twice_or_not_at_all_is_named()
    {
        var twice = Valid() with { Connections = [.. Valid().Connections, Link("mail", "Done", "review")] };
        var none = Valid() with { Connections = [.. Valid().Connections.Where(c => !(c.Source == "review" && c.Outcome == "Reject"))] };

        Assert.Equal(["mail"], Assert.Single(Validator.Validate(twice), p => p.Code == "outcome-connected-twice").NodeIds);
        Assert.Equal(["review"], Assert.Single(Validator.Validate(none), p => p.Code == "outcome-unconnected").NodeIds);
    }

    [Fact]
    public void A_fork_may_lead_to_many_nodes_at_once()
    {
        var graph = new WorkflowGraph(
            [Node("start", "Start"), Node("fork", "Fork"), Node("a", "End"), Node("b", "End")],
            [Link("start", "Done", "fork"), Link("fork", "Branches", "a"), Link("fork", "Branches", "b")]);

        Assert.Empty(Validator.Validate(graph));
    }

    [Fact]
    public void Unknown_types_outcomes_and_nodes_and_missing_inputs_are_named()
    {
        var graph = new WorkflowGraph(
            [Node("start", "Start"), Node("magic", "Teleport"), Node("mail", "SendEmail", ("To", "x")), Node("end", "End")],
            [Link("start", "Done", "magic"), Link("start", "Maybe", "end"), Link("magic", "Done", "mail"), Link("mail", "Done", "ghost")]);

        var problems = Validator.Validate(graph);

        Assert.Equal(["magic"], Assert.Single(problems, p => p.Code == "unknown-activity").NodeIds);
        Assert.Equal(["start"], Assert.Single(problems, p => p.Code == "unknown-outcome").NodeIds);
        Assert.Contains(problems, p => p.Code == "input-missing" && p.NodeIds.SequenceEqual(["mail"]) && p.Message.Contains("Subject", StringComparison.Ordinal));
        Assert.Equal(["mail"], Assert.Single(problems, p => p.Code == "dangling-connection").NodeIds);
    }

    [Fact]
    public void Duplicate_and_missing_node_ids_are_reported()
    {
        var graph = Valid() with { Nodes = [.. Valid().Nodes, Node("end", "End"), Node("", "End")] };

        var codes = Codes(graph);

        Assert.Contains("node-id-duplicate", codes);
        Assert.Contains("node-id-missing", codes);
    }

    [Fact]
    public void A_loop_that_never_waits_is_refused_and_one_through_a_person_is_allowed()
    {
        var busy = new WorkflowGraph(
            [Node("start", "Start"), Node("set", "SetVariable", ("Variable", "n"), ("Value", "n + 1")), Node("check", "Decision", ("Condition", "n > 3")), Node("end", "End")],
            [Link("start", "Done", "set"), Link("set", "Done", "check"), Link("check", "False", "set"), Link("check", "True", "end")]);
        var patient = Valid() with
        {
            Nodes = [.. Valid().Nodes.Where(n => n.Id != "review"), Node("review", "HumanTask", ("AssigneeRole", "Recruiter"), ("Choices", "Approve, Reject, Again"))],
            Connections = [.. Valid().Connections, Link("review", "Again", "review")],
        };

        Assert.Equal(["set", "check"], Assert.Single(Validator.Validate(busy), p => p.Code == "endless-loop").NodeIds);
        Assert.Empty(Validator.Validate(patient));
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var graph = new WorkflowGraph([Node("a", "Teleport"), Node("b", "SendEmail")], [Link("b", "Done", "nowhere")]);

        Assert.Equal(["dangling-connection", "input-missing", "input-missing", "input-missing", "no-start", "unknown-activity"], Codes(graph).Order());
    }

    [Fact]
    public void Input_values_an_activity_cannot_use_are_named_with_the_reason()
    {
        var graph = new WorkflowGraph(
            [
                Node("start", "Start"),
                Node("check", "Decision", ("Condition", "score >= (3")),
                Node("wait", "Delay", ("Duration", "a fortnight")),
                Node("join", "Join", ("Mode", "most")),
                Node("task", "HumanTask", ("AssigneeRole", "Recruiter"), ("Choices", "Ok"), ("DueIn", "soon")),
                Node("end", "End"),
            ],
            [
                Link("start", "Done", "check"), Link("check", "True", "wait"), Link("check", "False", "join"),
                Link("wait", "Done", "join"), Link("join", "Done", "task"), Link("task", "Ok", "end"),
            ]);

        var invalid = Validator.Validate(graph).Where(p => p.Code == "input-invalid").ToList();

        Assert.Equal(["check", "join", "task", "wait"], invalid.SelectMany(p => p.NodeIds).Order());
        Assert.Contains(invalid, p => p.Message.Contains("Missing ')'", StringComparison.Ordinal));
        Assert.Contains(invalid, p => p.Message.Contains("'a fortnight' is not a duration", StringComparison.Ordinal));
    }

    [Fact]
    public void Nulls_where_a_client_left_fields_out_are_problems_not_crashes()
    {
        var graph = new WorkflowGraph(null!, [new WorkflowConnection(null!, null!, null!)]);
        var nodes = new WorkflowGraph([new WorkflowNode(null!, null!)], null!);

        Assert.Contains("no-start", Codes(graph));
        Assert.Contains("dangling-connection", Codes(graph));
        Assert.Contains("node-id-missing", Codes(nodes));
    }

    [Fact]
    public void Two_modules_registering_the_same_activity_type_is_refused_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ActivityRegistry([new EndActivity()]));

        Assert.Contains("End", error.Message, StringComparison.Ordinal);
    }
}
