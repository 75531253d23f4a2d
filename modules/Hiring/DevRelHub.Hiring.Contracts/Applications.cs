using System.Text.Json.Serialization;
using Mediator;

namespace DevRelHub.Hiring.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<ApplicationStatus>))]
public enum ApplicationStatus
{
    Active,
    Offered,
    Hired,
    OfferDeclined,
    Declined,
    Withdrawn,
}

/// <summary>What a person decides about the current stage: go on, stop with a reason, or (for the candidate) withdraw.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Decision>))]
public enum Decision
{
    Advance,
    Decline,
    Withdraw,
}

public sealed record ApplicationSummary(
    Guid Id, Guid CandidateId, string CandidateName, Guid OpeningId, string OpeningTitle, OpeningLevel Level,
    string? Stage, DateTimeOffset? StageEnteredAt, ApplicationStatus Status, DateTimeOffset CreatedAt);

public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Title, string? Detail, string? Actor);

public sealed record ChecklistItem(int Position, string Requirement, bool? Met, string? CheckedBy);

/// <summary>An application as the recruiter sees it: where it is, what happened, and what can be done now.</summary>
/// <param name="WaitingFor">What the current stage waits for: <c>decision</c>, <c>scorecards</c> or <c>answer</c> (an offer); null when closed.</param>
public sealed record ApplicationDetails(
    ApplicationSummary Application, string CandidateEmail, string? DecisionReason, Guid WorkflowInstanceId, string? WaitingFor,
    IReadOnlyList<ChecklistItem> Checklist, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>Applies a candidate to an opening and starts the published hiring workflow for it.</summary>
public sealed record CreateApplication(Guid CandidateId, Guid OpeningId, string Actor) : IRequest<ApplicationDetails>;

public sealed record GetApplication(Guid Id) : IQuery<ApplicationDetails>;

/// <summary>Active and recent applications, optionally of one opening or level.</summary>
public sealed record ListApplications(Guid? OpeningId = null, OpeningLevel? Level = null, bool ActiveOnly = true) : IQuery<IReadOnlyList<ApplicationSummary>>;

/// <summary>
/// Decides the current stage. <paramref name="Reason"/> is required to decline or withdraw. At the offer, Advance
/// records the candidate's acceptance and Decline their refusal. <paramref name="FinalInterview"/> says, when
/// advancing past the panel, whether the CEO or VP Marketing meet the candidate (seniors do by default).
/// </summary>
public sealed record DecideApplication(
    Guid ApplicationId, Decision Decision, string? Reason, string? Notes, string Actor, IReadOnlyCollection<string> Roles, bool? FinalInterview = null)
    : IRequest<ApplicationDetails>;

/// <summary>Ticks the screening checklist: requirement position → met or not.</summary>
public sealed record CheckRequirements(Guid ApplicationId, IReadOnlyDictionary<int, bool> Checks, string Actor) : ICommand<ApplicationDetails>;

/// <summary>Applications entering and leaving each stage in a quarter, for the quarterly report.</summary>
public sealed record GetHiringFunnel(int Year, int Quarter) : IQuery<HiringFunnel>;

public sealed record HiringFunnel(int Year, int Quarter, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<StageFunnel> Stages, int Applications, int Offers, int Hires);

/// <summary>One stage in a quarter: how many entered it, and how many left it each way.</summary>
public sealed record StageFunnel(string Stage, int Entered, int Advanced, int Declined, int Withdrawn);

/// <summary>An e-mail the hiring process sends; <c>{{name}}</c> inserts a value (candidateName, openingTitle, stage …).</summary>
public sealed record EmailTemplate(string Key, string Subject, string Body, DateTimeOffset? UpdatedAt, string? UpdatedBy);

public sealed record ListEmailTemplates : IQuery<IReadOnlyList<EmailTemplate>>;

public sealed record SaveEmailTemplate(string Key, string Subject, string Body, string Actor) : ICommand<EmailTemplate>;

/// <summary>Publishes the "Developer Advocate hiring" workflow when the database has no workflow of that name; answers its definition id.</summary>
public sealed record EnsureHiringProcess : IRequest<Guid>;

/// <summary>The recruiters' board: a column per stage of the published hiring workflow (its blocking nodes, in order), a card per active application.</summary>
public sealed record GetPipelineBoard(Guid? OpeningId = null, OpeningLevel? Level = null) : IQuery<PipelineBoard>;

public sealed record PipelineBoard(IReadOnlyList<BoardColumn> Columns, IReadOnlyList<OpeningSummary> Openings);

public sealed record BoardColumn(string NodeId, string Stage, string ActivityType, IReadOnlyList<BoardCard> Cards);

/// <param name="Overdue">In the stage longer than the stage's target without a decision, or its interview has passed without one.</param>
public sealed record BoardCard(
    Guid ApplicationId, Guid CandidateId, string CandidateName, string OpeningTitle, OpeningLevel Level, int DaysInStage, DateTimeOffset? NextInterview, bool Overdue);

/// <summary>A candidate accepted an offer: what the application knew of them, for the team they join.</summary>
public sealed record CandidateHired(
    Guid CandidateId, Guid ApplicationId, string FullName, string Email, string? TimeZone, OpeningLevel Level,
    IReadOnlyList<Specialty> Specialties, IReadOnlyList<string> Links, int? FollowerCount, DateTimeOffset HiredAt) : INotification;

/// <summary>
/// Every hire so far, as <see cref="CandidateHired"/> said it (at the moment the application closed): for a module
/// that must not miss one, to catch up on start.
/// </summary>
public sealed record ListHires : IQuery<IReadOnlyList<CandidateHired>>;
