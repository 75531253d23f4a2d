using System.Text.Json.Nodes;
using CsCheck;
using DevRelHub.Data;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Definitions;
using DevRelHub.Workflows.Definitions.Validate;
using DevRelHub.Workflows.Runtime;
using DevRelHub.Workflows.Tests.Support;
using FluentValidation;
using static DevRelHub.Workflows.Tests.Support.Flows;

namespace DevRelHub.Workflows.Tests;

/// <summary>
/// Thousands of generated graphs: arbitrary ones (junk types, ids, inputs and connections) and well-formed
/// ones (a start, forward connections from every outcome, activities with plausible inputs that may still
/// fail at run time). The validator and the runtime may refuse them; they must never break on them.
/// </summary>
public sealed class RandomGraphTests(EngineAppOnSqlite app) : IClassFixture<EngineAppOnSqlite>
{
    private static readonly string[] Ids = ["start", "a", "b", "c", "d", "e", ""];
    private static readonly string[] Types = [.. BuiltInActivities.All.Select(a => a.Descriptor.Type), "Teleport", ""];
    private static readonly string[] InputNames = ["Condition", "Mode", "Duration", "Until", "AssigneeRole", "DueIn", "Choices", "To", "Subject", "Body", "Variable", "Value"];
    private static readonly string[] Values = ["", " ", "P7D", "PT0S", "soon", "all", "any", "2", "0", "score >= 3", "(((", "true", "n + 1", "Recruiter", "Pass, Decline", "Done", "email", "deadline", "{{x"];
    private static readonly string[] Outcomes = ["Done", "True", "False", "Branches", "Pass", "Decline", ""];

    private static readonly Gen<WorkflowGraph> Arbitrary = Gen.Select(
        Gen.Select(Gen.OneOf(Ids), Gen.OneOf(Types), Gen.Select(Gen.OneOf(InputNames), Gen.OneOf(Values)).Array[0, 6],
            (id, type, inputs) => new WorkflowNode(id, type, Inputs: inputs.DistinctBy(input => input.Item1).ToDictionary(input => input.Item1, input => input.Item2))).Array[0, 8],
        Gen.Select(Gen.OneOf(Ids), Gen.OneOf(Outcomes), Gen.OneOf(Ids), (source, outcome, target) => new WorkflowConnection(source, outcome, target)).Array[0, 14],
        (nodes, connections) => new WorkflowGraph(nodes, connections));

    /// <summary>Activities with inputs a designer might give them; some fail when they run (a missing variable, a division by zero).</summary>
    private static readonly (string Type, (string, string)[] Inputs)[] Steps =
    [
        ("Decision", [("Condition", "score >= 3")]),
        ("Decision", [("Condition", "missing > 1")]),
        ("Decision", [("Condition", "flag")]),
        ("HumanTask", [("AssigneeRole", "Recruiter"), ("Choices", "Pass, Decline")]),
        ("HumanTask", [("AssigneeRole", "Panelist"), ("Choices", "Scored"), ("DueIn", "P2D")]),
        ("Delay", [("Duration", "PT1H")]),
        ("Timer", [("Until", "deadline")]),
        ("SetVariable", [("Variable", "score"), ("Value", "score + 1")]),
        ("SetVariable", [("Variable", "ratio"), ("Value", "score / missing")]),
        ("SendEmail", [("To", "email"), ("Subject", "Hello {{name}}"), ("Body", "{{score}}")]),
        ("Fork", []),
        ("Join", [("Mode", "all")]),
        ("Join", [("Mode", "any")]),
        ("Join", [("Mode", "2")]),
    ];

    private static readonly Gen<WorkflowGraph> WellFormed = Gen.Select(Gen.Int[0, Steps.Length - 1].Array[1, 7], Gen.Int[0, 1000].Array[40], (steps, choices) =>
    {
        var registry = new ActivityRegistry([]);
        var nodes = new List<WorkflowNode> { Node("start", "Start") };
        nodes.AddRange(steps.Select((step, i) => Node($"n{i}", Steps[step].Type, Steps[step].Inputs)));
        nodes.Add(Node("end", "End"));
        var connections = new List<WorkflowConnection>();
        var choice = 0;
        for (var i = 0; i < nodes.Count - 1; i++)
        {
            var descriptor = registry.Find(nodes[i].ActivityType)!.Descriptor;
            var next = true;
            foreach (var outcome in descriptor.OutcomesOf(nodes[i]))
            {
                var fanOut = descriptor.FansOut ? 2 : 1;
                for (var branch = 0; branch < fanOut; branch++)
                {
                    // The first connection leads to the next node, so every node is reachable; the others anywhere further on.
                    var target = next ? i + 1 : i + 1 + choices[choice++ % choices.Length] % (nodes.Count - 1 - i);
                    next = false;
                    connections.Add(Link(nodes[i].Id, outcome, nodes[target].Id));
                }
            }
        }
        return new WorkflowGraph(nodes, connections);
    });

    private static readonly WorkflowGraphValidator Validator = new(new ActivityRegistry([]));

    [Fact]
    public void The_validator_lists_problems_for_any_graph_and_names_only_nodes_that_exist()
    {
        Gen.Frequency((3, Arbitrary), (1, WellFormed)).Sample(graph =>
        {
            var problems = Validator.Validate(graph);
            var ids = graph.Nodes.Select(node => node.Id).ToHashSet();
            Assert.All(problems, problem => Assert.All(problem.NodeIds, id => Assert.Contains(id, ids)));
            Assert.Equal(graph.Normalized().ToJson(), WorkflowGraph.FromJson(graph.ToJson()).ToJson());
        }, iter: 10_000);
    }

    [Fact]
    public async Task The_runtime_runs_every_publishable_graph_and_refuses_the_rest_with_validation_errors_only()
    {
        await app.StartAsync();
        var published = 0;
        var faulted = 0;
        var ran = new List<WorkflowStatus>();
        await Gen.Frequency((1, Arbitrary), (3, WellFormed)).SampleAsync(async graph =>
        {
            if (await PublishOrRefuseAsync(graph) is not { } definition)
            {
                return;
            }
            Interlocked.Increment(ref published);
            var (status, faults) = await RunToTheEndAsync(definition);
            Interlocked.Add(ref faulted, faults);
            lock (ran)
            {
                ran.Add(status);
            }
        }, iter: 1_000, threads: 4);

        Assert.True(published > 500, $"Only {published} generated graphs were publishable.");
        Assert.Contains(WorkflowStatus.Finished, ran);
        Assert.True(faulted > 0, "No generated graph faulted, so faults and retries went untested.");
    }

    private async Task<Guid?> PublishOrRefuseAsync(WorkflowGraph graph)
    {
        var definition = await app.SendAsync(new CreateWorkflowDefinition($"Random {Guid.NewGuid():N}"));
        await app.SendAsync(new SaveWorkflowDraft(definition.Id, graph));
        try
        {
            await app.SendAsync(new PublishWorkflowDefinition(definition.Id));
            return definition.Id;
        }
        catch (ValidationException refused)
        {
            Assert.NotEmpty(refused.Errors);
            return null;
        }
    }

    /// <summary>Starts an instance and answers whatever it waits for, sometimes with a choice it does not offer, until it ends or faults twice.</summary>
    private async Task<(WorkflowStatus Status, int Faults)> RunToTheEndAsync(Guid definition)
    {
        var variables = new JsonObject { ["score"] = 2, ["email"] = "ada@example.com", ["name"] = "Ada" };
        var run = await app.Runtime.StartAsync(definition, null, null, variables, "random", TestContext.Current.CancellationToken);
        var random = new Random(definition.GetHashCode());
        var retried = false;
        var faults = 0;
        for (var step = 0; step < 30; step++)
        {
            if (run.Status == WorkflowStatus.Faulted && !retried)
            {
                retried = true;
                faults++;
                run = await app.Runtime.RetryAsync(run.InstanceId, "random",
                    new JsonObject { ["missing"] = 2, ["flag"] = true, ["deadline"] = app.Clock.GetUtcNow().ToString("O") }, TestContext.Current.CancellationToken);
                continue;
            }
            var waiting = (await InstanceAsync(app, run.InstanceId)).Bookmarks;
            if (run.Status != WorkflowStatus.Suspended || waiting.Count == 0)
            {
                return (run.Status, faults);
            }
            var bookmark = waiting[random.Next(waiting.Count)];
            var stimulus = bookmark.ActivityType is "Delay" or "Timer"
                ? Stimulus.Timer
                : new Stimulus("random", ["Recruiter", "Panelist"], random.Next(5) == 0 ? "Nonsense" : null);
            try
            {
                run = await app.Runtime.ResumeAsync(bookmark.Id, stimulus, TestContext.Current.CancellationToken);
            }
            catch (StimulusRefusedException)
            {
                run = await app.Runtime.ResumeAsync(bookmark.Id, stimulus with { Outcome = FirstOutcome(bookmark) },
                    TestContext.Current.CancellationToken);
            }
        }
        return (run.Status, faults);
    }

    private static string? FirstOutcome(Bookmark bookmark) => bookmark.ActivityType == "HumanTask"
        ? (string?)bookmark.Data?["assigneeRole"] == "Recruiter" ? "Pass" : "Scored"
        : null;
}
