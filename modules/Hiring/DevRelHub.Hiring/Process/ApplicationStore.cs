using Dapper;
using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Workflows.Runtime;

namespace DevRelHub.Hiring.Process;

/// <summary>An application with what the process needs of its candidate and opening.</summary>
internal sealed record ApplicationRow(
    Guid Id, Guid CandidateId, Guid OpeningId, Guid InstanceId, string? Stage, string? StageNodeId, DateTimeOffset? StageEnteredAt,
    string Status, string? DecisionReason, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt,
    string CandidateName, string CandidateEmail, string? CandidateTimeZone, string OpeningTitle, string Level)
{
    public ApplicationStatus CurrentStatus => Enum.Parse<ApplicationStatus>(Status);

    public OpeningLevel OpeningLevel => Enum.Parse<OpeningLevel>(Level);

    public bool IsOpen => CurrentStatus is ApplicationStatus.Active or ApplicationStatus.Offered;

    public ApplicationSummary Summary() => new(Id, CandidateId, CandidateName, OpeningId, OpeningTitle, OpeningLevel, Stage, StageEnteredAt, CurrentStatus, CreatedAt);

    /// <summary>The values e-mail templates insert.</summary>
    public Dictionary<string, string?> TemplateValues() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["candidateName"] = CandidateName,
        ["openingTitle"] = OpeningTitle,
        ["stage"] = Stage,
    };
}

/// <summary>The application's SQL that activities and commands share: reading it, moving it between stages, closing it, and its timeline.</summary>
internal static class ApplicationStore
{
    public const string Columns = """
        a.id AS Id, a.candidate_id AS CandidateId, a.opening_id AS OpeningId, a.instance_id AS InstanceId, a.stage AS Stage,
        a.stage_node_id AS StageNodeId, a.stage_entered_at AS StageEnteredAt, a.status AS Status, a.decision_reason AS DecisionReason,
        a.created_at AS CreatedAt, a.closed_at AS ClosedAt, c.full_name AS CandidateName, c.email AS CandidateEmail,
        c.time_zone AS CandidateTimeZone, o.title AS OpeningTitle, o.level AS Level
        FROM hiring_application a
        JOIN hiring_candidate c ON c.id = a.candidate_id
        JOIN hiring_opening o ON o.id = a.opening_id
        """;

    private const string SelectOne = $"SELECT {Columns} WHERE a.id = @Id";

    private const string EnterStage = """
        UPDATE hiring_application SET stage = @Stage, stage_node_id = @NodeId, stage_entered_at = @Now WHERE id = @Id;
        INSERT INTO hiring_stage_visit (id, application_id, stage, node_id, activity_type, entered_at) VALUES (@VisitId, @Id, @Stage, @NodeId, @ActivityType, @Now);
        """;

    private const string LeaveStage = "UPDATE hiring_stage_visit SET left_at = @Now, outcome = @Outcome WHERE application_id = @Id AND left_at IS NULL";

    private const string SetStatus = "UPDATE hiring_application SET status = @Status WHERE id = @Id";

    private const string Close = """
        UPDATE hiring_application SET status = @Status, decision_reason = @Reason, closed_at = @Now, stage_node_id = NULL WHERE id = @Id
        """;

    private const string InsertTimeline = """
        INSERT INTO hiring_timeline (id, application_id, at, kind, title, detail, actor)
        VALUES (@EntryId, @EntryApplicationId, @EntryAt, @EntryKind, @EntryTitle, @EntryDetail, @EntryActor)
        """;

    public static async Task<ApplicationRow> FindAsync(Sql db, Guid id) =>
        await db.SingleOrDefaultAsync<ApplicationRow>(SelectOne, new { Id = id }) ?? throw new NotFoundException($"There is no application {id}.");

    public static async Task EnterStageAsync(Sql db, Guid id, string stage, string nodeId, string activityType, DateTimeOffset now)
    {
        var parameters = new DynamicParameters(new { Id = id, VisitId = Guid.CreateVersion7(now), Stage = stage, NodeId = nodeId, ActivityType = activityType, Now = now });
        await db.ExecuteAsync($"{EnterStage}\n{Timeline(parameters, id, now, TimelineKinds.Stage, $"Entered {stage}", null, null)}", parameters);
    }

    public static Task LeaveStageAsync(Sql db, Guid id, string outcome, DateTimeOffset now) =>
        db.ExecuteAsync(LeaveStage, new { Id = id, Outcome = outcome, Now = now });

    public static Task SetStatusAsync(Sql db, Guid id, ApplicationStatus status) =>
        db.ExecuteAsync(SetStatus, new { Id = id, Status = status.ToString() });

    public static Task CloseAsync(Sql db, Guid id, ApplicationStatus status, string? reason, DateTimeOffset now) =>
        db.ExecuteAsync(Close, new { Id = id, Status = status.ToString(), Reason = reason, Now = now });

    public static Task AddTimelineAsync(Sql db, Guid id, DateTimeOffset at, string kind, string title, string? detail, string? actor)
    {
        var parameters = new DynamicParameters();
        return db.ExecuteAsync(Timeline(parameters, id, at, kind, title, detail, actor), parameters);
    }

    /// <summary>
    /// The insert of a timeline entry, its values added to <paramref name="parameters"/> under names of their own: for a
    /// command that writes the entry with what it records (a stage entered, a scorecard), one round trip instead of two.
    /// </summary>
    public static string Timeline(DynamicParameters parameters, Guid id, DateTimeOffset at, string kind, string title, string? detail, string? actor)
    {
        parameters.AddDynamicParams(new
        {
            EntryId = Guid.CreateVersion7(at),
            EntryApplicationId = id,
            EntryAt = at,
            EntryKind = kind,
            EntryTitle = title.Length > 500 ? title[..500] : title,
            EntryDetail = detail is { Length: > 4000 } ? detail[..4000] : detail,
            EntryActor = actor,
        });
        return InsertTimeline;
    }
}

/// <summary>The kinds of timeline entry.</summary>
internal static class TimelineKinds
{
    public const string Applied = "applied";
    public const string Stage = "stage";
    public const string Decision = "decision";
    public const string Interview = "interview";
    public const string Scorecard = "scorecard";
    public const string Email = "email";
    public const string Checklist = "checklist";
}
