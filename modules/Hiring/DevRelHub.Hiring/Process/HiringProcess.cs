using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Templates;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Definitions;
using Mediator;

namespace DevRelHub.Hiring.Process;

/// <summary>
/// The hiring process as first published: screening call → hiring manager interview → panel presentation →
/// final interview when wanted (seniors by default) → offer; every stage can decline. Recruiters change it in
/// the designer; applications run the newest published version.
/// </summary>
internal static class HiringProcess
{
    public const string Name = "Developer Advocate hiring";

    public static WorkflowGraph Graph()
    {
        WorkflowNode Stage(string id, HiringStage activity, double x, double y) =>
            new(id, activity.Descriptor.Type, activity.DefaultStage, activity.DefaultInputs(), new NodePosition(x, y));

        WorkflowConnection Link(string source, string outcome, string target) => new(source, outcome, target);

        return new WorkflowGraph(
            [
                new("start", "Start", "Application received", null, new NodePosition(0, 0)),
                Stage("screening", new ScreeningCallActivity(), 240, 0),
                Stage("manager", new HiringManagerInterviewActivity(), 480, 0),
                Stage("panel", new PanelPresentationActivity(), 720, 0),
                new("wantsFinal", "Decision", "Final interview?", new Dictionary<string, string> { ["Condition"] = "finalInterview == true" }, new NodePosition(0, 200)),
                Stage("final", new FinalInterviewActivity(), 240, 200),
                Stage("offer", new OfferActivity(), 480, 200),
                new("hired", "End", "Hired", null, new NodePosition(720, 160)),
                new("offerDeclined", "End", "Offer declined", null, new NodePosition(720, 260)),
                new("decline", "Decline", "Decline", new Dictionary<string, string> { [OfferActivity.TemplateInput] = EmailTemplates.Decline }, new NodePosition(240, 380)),
                new("declined", "End", "Declined", null, new NodePosition(480, 380)),
            ],
            [
                Link("start", BuiltInActivities.Done, "screening"),
                Link("screening", HiringStage.Advance, "manager"),
                Link("manager", HiringStage.Advance, "panel"),
                Link("panel", HiringStage.Advance, "wantsFinal"),
                Link("wantsFinal", "True", "final"),
                Link("wantsFinal", "False", "offer"),
                Link("final", HiringStage.Advance, "offer"),
                Link("offer", OfferActivity.Accepted, "hired"),
                Link("offer", OfferActivity.Rejected, "offerDeclined"),
                Link("screening", HiringStage.Decline, "decline"),
                Link("manager", HiringStage.Decline, "decline"),
                Link("panel", HiringStage.Decline, "decline"),
                Link("final", HiringStage.Decline, "decline"),
                Link("decline", BuiltInActivities.Done, "declined"),
            ]);
    }
}

internal sealed class EnsureHiringProcessHandler(ISender sender) : IRequestHandler<EnsureHiringProcess, Guid>
{
    public ValueTask<Guid> Handle(EnsureHiringProcess request, CancellationToken cancellationToken) =>
        sender.Send(new EnsurePublishedWorkflow(HiringProcess.Name, HiringProcess.Graph()), cancellationToken);
}
