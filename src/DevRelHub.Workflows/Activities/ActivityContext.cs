using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using DevRelHub.Workflows.Definitions;
using DevRelHub.Workflows.Expressions;
using DevRelHub.Workflows.Runtime;

namespace DevRelHub.Workflows.Activities;

/// <summary>What an activity sees of the instance while it runs: its node, the variables, the time, and the outbox.</summary>
public sealed class ActivityContext
{
    internal ActivityContext(Guid instanceId, string? correlationKey, WorkflowNode node, ActivityDescriptor descriptor, JsonObject variables,
        JsonObject nodeState, int incomingConnections, DateTimeOffset now, IReadOnlyCollection<string> supervisorRoles, Action<OutgoingEmail> queueEmail,
        IWorkflowTransaction transaction)
    {
        Transaction = transaction;
        InstanceId = instanceId;
        CorrelationKey = correlationKey;
        Node = node;
        Descriptor = descriptor;
        Variables = variables;
        NodeState = nodeState;
        IncomingConnections = incomingConnections;
        Now = now;
        SupervisorRoles = supervisorRoles;
        this.queueEmail = queueEmail;
    }

    private readonly Action<OutgoingEmail> queueEmail;

    public Guid InstanceId { get; }

    public string? CorrelationKey { get; }

    public WorkflowNode Node { get; }

    public ActivityDescriptor Descriptor { get; }

    /// <summary>The instance's variables; changes are saved with the instance.</summary>
    public JsonObject Variables { get; }

    /// <summary>What this node keeps between visits (a join's arrivals); saved with the instance.</summary>
    public JsonObject NodeState { get; }

    /// <summary>How many connections lead into this node.</summary>
    public int IncomingConnections { get; }

    public DateTimeOffset Now { get; }

    /// <summary>Roles that may act for anyone (an administrator); the host says which.</summary>
    public IReadOnlyCollection<string> SupervisorRoles { get; }

    /// <summary>The run's transaction: a module's activity keeps its own rows in step with the instance here.</summary>
    public IWorkflowTransaction Transaction { get; }

    public string RequiredInput(string name) =>
        Node.Input(name) ?? throw new InvalidOperationException($"Node {Node.Id} has no {name}.");

    public object? Evaluate(string expression) => WorkflowExpression.Parse(expression).Evaluate(Variables);

    /// <summary>Replaces each <c>{{name}}</c> in <paramref name="template"/> with the variable's value.</summary>
    public string Render(string template) => Template.Render(template, name => WorkflowExpression.ValueOf(Variables[name]) switch
    {
        null => null,
        double d => d.ToString(CultureInfo.InvariantCulture),
        var value => value.ToString(),
    });

    /// <summary>Queues an e-mail in the outbox, in the same transaction as the instance: it is sent once the step is saved, and never twice.</summary>
    public void SendEmail(string to, string subject, string body) => queueEmail(new OutgoingEmail(to, subject, body));

    /// <inheritdoc cref="SendEmail(string, string, string)"/>
    public void SendEmail(OutgoingEmail email) => queueEmail(email);

    /// <summary>The outcome a stimulus chose, checked against this node's outcomes; a node with one outcome needs no choice.</summary>
    public string ChosenOutcome(Stimulus stimulus)
    {
        var outcomes = Descriptor.OutcomesOf(Node);
        if (stimulus.Outcome is null)
        {
            return outcomes.Count == 1
                ? outcomes[0]
                : throw new StimulusRefusedException($"Choose one of: {string.Join(", ", outcomes)}.");
        }
        return outcomes.FirstOrDefault(outcome => string.Equals(outcome, stimulus.Outcome, StringComparison.OrdinalIgnoreCase))
            ?? throw new StimulusRefusedException($"{Node.Name ?? Node.Id} has no outcome '{stimulus.Outcome}'. Choose one of: {string.Join(", ", outcomes)}.");
    }

    /// <summary>Reads a duration as a .NET time span (<c>7.00:00:00</c>) or ISO 8601 (<c>P7D</c>, <c>PT45M</c>).</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration))
        {
            return duration >= TimeSpan.Zero;
        }
        try
        {
            duration = XmlConvert.ToTimeSpan(text.Trim());
            return duration >= TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}

/// <summary>An e-mail for the outbox; attachments (an invitation's .ics) travel with it.</summary>
public sealed record OutgoingEmail(string To, string Subject, string Body, IReadOnlyList<EmailAttachment>? Attachments = null);

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>The <c>{{name}}</c> templates of e-mail subjects and bodies, for the engine's steps and for modules' own mail alike.</summary>
public static class Template
{
    /// <summary>Replaces each <c>{{name}}</c> with <paramref name="valueOf"/>'s answer for the trimmed name; an unknown name becomes empty.</summary>
    public static string Render(string template, Func<string, string?> valueOf)
    {
        var text = new System.Text.StringBuilder(template.Length);
        var at = 0;
        while (template.IndexOf("{{", at, StringComparison.Ordinal) is var open and >= 0
            && template.IndexOf("}}", open + 2, StringComparison.Ordinal) is var close and >= 0)
        {
            text.Append(template, at, open - at).Append(valueOf(template[(open + 2)..close].Trim()));
            at = close + 2;
        }
        return text.Append(template, at, template.Length - at).ToString();
    }
}
