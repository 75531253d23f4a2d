using System.Text.Json.Nodes;
using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Pipeline;
using DevRelHub.Hiring.Process;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Instances;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using Mediator;

namespace DevRelHub.Hiring.Applications;

internal sealed class CreateApplicationHandler(DbSession session, WorkflowRuntime runtime, ISender sender, PipelineChanges changes, TimeProvider clock)
    : IRequestHandler<CreateApplication, ApplicationDetails>
{
    private const string Insert = """
        INSERT INTO hiring_application (id, candidate_id, opening_id, instance_id, status, created_at)
        VALUES (@Id, @CandidateId, @OpeningId, @InstanceId, @Status, @CreatedAt)
        """;

    private const string SelectCandidate = "SELECT full_name FROM hiring_candidate WHERE id = @Id AND erased_at IS NULL";
    private const string SelectOpening = "SELECT title AS Title, level AS Level, is_open AS IsOpen FROM hiring_opening WHERE id = @Id";
    private const string SelectActive = "SELECT COUNT(*) FROM hiring_application WHERE candidate_id = @CandidateId AND opening_id = @OpeningId AND closed_at IS NULL";

    public async ValueTask<ApplicationDetails> Handle(CreateApplication request, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var name = await db.ScalarAsync<string>(SelectCandidate, new { Id = request.CandidateId })
            ?? throw new NotFoundException($"There is no candidate {request.CandidateId}.");
        var opening = await db.SingleOrDefaultAsync<(string Title, string Level, bool IsOpen)?>(SelectOpening, new { Id = request.OpeningId })
            ?? throw new NotFoundException($"There is no opening {request.OpeningId}.");
        if (!opening.IsOpen)
        {
            throw new ConflictException($"The opening {opening.Title} is closed.");
        }
        if (await db.ScalarAsync<int>(SelectActive, new { request.CandidateId, request.OpeningId }) > 0)
        {
            throw new ConflictException($"{name} already has an open application for {opening.Title}.");
        }
        var definition = await sender.Send(new EnsureHiringProcess(), cancellationToken);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var variables = new JsonObject
        {
            ["applicationId"] = id.ToString(),
            ["level"] = opening.Level,
            ["finalInterview"] = opening.Level == nameof(OpeningLevel.SeniorDeveloperAdvocate),
        };
        await runtime.StartAsync(definition, null, id.ToString(), variables, request.Actor, cancellationToken, async (transaction, instance) =>
        {
            var tx = Sql.Of(transaction);
            await tx.ExecuteAsync(Insert, new
            {
                Id = id, request.CandidateId, request.OpeningId, InstanceId = instance, Status = nameof(ApplicationStatus.Active), CreatedAt = now,
            });
            await ApplicationStore.AddTimelineAsync(tx, id, now, TimelineKinds.Applied, $"Applied to {opening.Title}", null, request.Actor);
        });
        changes.Raise(id);
        return await sender.Send(new GetApplication(id), cancellationToken);
    }
}

internal sealed class GetApplicationHandler(DbSession session, ISender sender) : IQueryHandler<GetApplication, ApplicationDetails>
{
    private const string SelectChecklist = """
        SELECT r.position AS Position, r.text AS Requirement, c.met AS Met, c.checked_by AS CheckedBy
        FROM hiring_opening_requirement r
        LEFT JOIN hiring_screening_check c ON c.application_id = @Id AND c.position = r.position
        WHERE r.opening_id = @OpeningId ORDER BY r.position
        """;

    private const string SelectTimeline = """
        SELECT at AS At, kind AS Kind, title AS Title, detail AS Detail, actor AS Actor FROM hiring_timeline WHERE application_id = @Id ORDER BY at, id
        """;

    public async ValueTask<ApplicationDetails> Handle(GetApplication query, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var application = await ApplicationStore.FindAsync(db, query.Id);
        var checklist = await db.QueryAsync<ChecklistItem>(SelectChecklist, new { application.Id, application.OpeningId });
        var timeline = await db.QueryAsync<TimelineEntry>(SelectTimeline, new { application.Id });
        string? waitingFor = null;
        if (application.IsOpen)
        {
            var instance = await sender.Send(new GetWorkflowInstance(application.InstanceId, JournalPageSize: 1), cancellationToken);
            waitingFor = instance.Bookmarks.FirstOrDefault(bookmark => bookmark.NodeId == application.StageNodeId)?.Data?["waitingFor"]?.GetValue<string>();
        }
        return new ApplicationDetails(application.Summary(), application.CandidateEmail, application.DecisionReason, application.InstanceId, waitingFor,
            checklist, timeline);
    }
}

internal sealed class ListApplicationsHandler(DbSession session) : IQueryHandler<ListApplications, IReadOnlyList<ApplicationSummary>>
{
    public async ValueTask<IReadOnlyList<ApplicationSummary>> Handle(ListApplications query, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        if (query.OpeningId is not null)
        {
            conditions.Add("a.opening_id = @OpeningId");
        }
        if (query.Level is not null)
        {
            conditions.Add("o.level = @Level");
        }
        if (query.ActiveOnly)
        {
            conditions.Add("a.closed_at IS NULL");
        }
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var db = await Sql.OfAsync(session, cancellationToken);
        var rows = await db.QueryAsync<ApplicationRow>($"SELECT {ApplicationStore.Columns}{where} ORDER BY a.stage_entered_at, a.id",
            new { query.OpeningId, Level = query.Level?.ToString() });
        return [.. rows.Select(row => row.Summary())];
    }
}

internal sealed class DecideApplicationValidator : AbstractValidator<DecideApplication>
{
    public DecideApplicationValidator()
    {
        RuleFor(x => x.Decision).IsInEnum();
        RuleFor(x => x.Reason).NotEmpty().When(x => x.Decision is not Decision.Advance)
            .WithMessage("Say why: a reason is required to decline or withdraw.");
        RuleFor(x => x.Reason).MaximumLength(2000);
        RuleFor(x => x.Notes).MaximumLength(2000);
    }
}

/// <summary>
/// A person's decision on the current stage resumes the application's workflow at that stage (the stage's
/// activity checks the role and records it); a withdrawal cancels the workflow and closes the application with it.
/// </summary>
internal sealed class DecideApplicationHandler(
    DbSession session, WorkflowRuntime runtime, ISender sender, IPublisher publisher, PipelineChanges changes, TimeProvider clock)
    : IRequestHandler<DecideApplication, ApplicationDetails>
{
    public async ValueTask<ApplicationDetails> Handle(DecideApplication request, CancellationToken cancellationToken)
    {
        var application = await ApplicationStore.FindAsync(await Sql.OfAsync(session, cancellationToken), request.ApplicationId);
        if (!application.IsOpen)
        {
            throw new ConflictException($"The application is {application.Status}; there is nothing left to decide.");
        }
        if (request.Decision is Decision.Withdraw)
        {
            await runtime.CancelAsync(application.InstanceId, request.Actor, cancellationToken, async (transaction, _) =>
            {
                var now = clock.GetUtcNow();
                var tx = Sql.Of(transaction);
                await ApplicationStore.LeaveStageAsync(tx, application.Id, nameof(Decision.Withdraw), now);
                await ApplicationStore.CloseAsync(tx, application.Id, ApplicationStatus.Withdrawn, request.Reason, now);
                await ApplicationStore.AddTimelineAsync(tx, application.Id, now, TimelineKinds.Decision, "Candidate withdrew",
                    Join(request.Reason, request.Notes), request.Actor);
            });
            changes.Raise(application.Id);
            return await sender.Send(new GetApplication(application.Id), cancellationToken);
        }
        var instance = await sender.Send(new GetWorkflowInstance(application.InstanceId, JournalPageSize: 1), cancellationToken);
        var bookmark = instance.Bookmarks.FirstOrDefault(candidate => candidate.NodeId == application.StageNodeId)
            ?? throw new ConflictException($"The application waits for no decision at {application.Stage ?? "this point"}.");
        var variables = new JsonObject { ["reason"] = request.Reason?.Trim(), ["notes"] = request.Notes?.Trim() };
        if (request.FinalInterview is { } final)
        {
            variables["finalInterview"] = final;
        }
        await runtime.ResumeAsync(bookmark.Id, new Stimulus(request.Actor, request.Roles, request.Decision.ToString(), variables), cancellationToken);
        changes.Raise(application.Id);
        var details = await sender.Send(new GetApplication(application.Id), cancellationToken);
        if (details.Application.Status is ApplicationStatus.Hired)
        {
            var candidate = await sender.Send(new GetCandidate(details.Application.CandidateId), cancellationToken);
            await publisher.Publish(Hires.Of(candidate, details.Application.Id, details.Application.Level, clock.GetUtcNow()), cancellationToken);
        }
        return details;
    }

    private static string? Join(string? reason, string? notes) =>
        string.Join("\n", new[] { reason, notes }.Where(text => !string.IsNullOrWhiteSpace(text))) is { Length: > 0 } text ? text : null;
}

/// <summary>What a hire tells the rest of the application: the candidate as the application knew them.</summary>
internal static class Hires
{
    public static CandidateHired Of(CandidateProfile candidate, Guid applicationId, OpeningLevel level, DateTimeOffset at) =>
        new(candidate.Id, applicationId, candidate.FullName, candidate.Email, candidate.TimeZone, level, candidate.Specialties, candidate.Links, candidate.FollowerCount, at);
}

internal sealed class ListHiresHandler(DbSession session, ISender sender) : IQueryHandler<ListHires, IReadOnlyList<CandidateHired>>
{
    private const string Select = """
        SELECT a.id AS ApplicationId, a.candidate_id AS CandidateId, o.level AS Level, a.closed_at AS ClosedAt
        FROM hiring_application a
        JOIN hiring_opening o ON o.id = a.opening_id
        JOIN hiring_candidate c ON c.id = a.candidate_id
        WHERE a.status = 'Hired' AND c.erased_at IS NULL
        ORDER BY a.closed_at
        """;

    public async ValueTask<IReadOnlyList<CandidateHired>> Handle(ListHires query, CancellationToken cancellationToken)
    {
        var rows = await (await Sql.OfAsync(session, cancellationToken)).QueryAsync<(Guid ApplicationId, Guid CandidateId, string Level, DateTimeOffset ClosedAt)>(Select);
        var hires = new List<CandidateHired>(rows.Count);
        foreach (var row in rows)
        {
            var candidate = await sender.Send(new GetCandidate(row.CandidateId), cancellationToken);
            hires.Add(Hires.Of(candidate, row.ApplicationId, Enum.Parse<OpeningLevel>(row.Level), row.ClosedAt));
        }
        return hires;
    }
}

internal sealed class CheckRequirementsHandler(DbSession session, ISender sender, TimeProvider clock) : ICommandHandler<CheckRequirements, ApplicationDetails>
{
    private const string Delete = "DELETE FROM hiring_screening_check WHERE application_id = @ApplicationId AND position = @Position";

    private const string Insert = """
        INSERT INTO hiring_screening_check (application_id, position, met, checked_by, checked_at) VALUES (@ApplicationId, @Position, @Met, @Actor, @Now)
        """;

    private const string Positions = "SELECT position FROM hiring_opening_requirement WHERE opening_id = @OpeningId";

    public async ValueTask<ApplicationDetails> Handle(CheckRequirements command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var application = await ApplicationStore.FindAsync(db, command.ApplicationId);
        if (!application.IsOpen)
        {
            throw new ConflictException($"The application is {application.Status}; its checklist is closed.");
        }
        var positions = (await db.QueryAsync<int>(Positions, new { application.OpeningId })).ToHashSet();
        var unknown = command.Checks.Keys.Where(position => !positions.Contains(position)).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(command.Checks),
                $"The opening has no requirement {string.Join(", ", unknown)}; it has 1 to {positions.Count}.")]);
        }
        var now = clock.GetUtcNow();
        foreach (var (position, met) in command.Checks)
        {
            var row = new { command.ApplicationId, Position = position, Met = met, command.Actor, Now = now };
            await db.ExecuteAsync(Delete, row);
            await db.ExecuteAsync(Insert, row);
        }
        var metCount = command.Checks.Count(check => check.Value);
        await ApplicationStore.AddTimelineAsync(db, application.Id, now, TimelineKinds.Checklist,
            $"Checklist: {metCount} of {command.Checks.Count} ticked requirements met", null, command.Actor);
        return await sender.Send(new GetApplication(application.Id), cancellationToken);
    }
}

internal sealed class GetHiringFunnelValidator : AbstractValidator<GetHiringFunnel>
{
    public GetHiringFunnelValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100);
        RuleFor(x => x.Quarter).InclusiveBetween(1, 4);
    }
}

/// <summary>The funnel counts stage visits, which hold no personal data: an erased candidate still counts.</summary>
internal sealed class GetHiringFunnelHandler(DbSession session) : IQueryHandler<GetHiringFunnel, HiringFunnel>
{
    private const string Entered = """
        SELECT stage AS Stage, activity_type AS ActivityType, COUNT(*) AS Count, MIN(entered_at) AS FirstAt
        FROM hiring_stage_visit WHERE entered_at >= @From AND entered_at < @To GROUP BY stage, activity_type
        """;

    private const string Left = """
        SELECT stage AS Stage, activity_type AS ActivityType, outcome AS Outcome, COUNT(*) AS Count
        FROM hiring_stage_visit WHERE left_at >= @From AND left_at < @To GROUP BY stage, activity_type, outcome
        """;

    private const string Applied = "SELECT COUNT(*) FROM hiring_application WHERE created_at >= @From AND created_at < @To";

    public async ValueTask<HiringFunnel> Handle(GetHiringFunnel query, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(query.Year, (query.Quarter - 1) * 3 + 1, 1, 0, 0, 0, TimeSpan.Zero);
        var range = new { From = from, To = from.AddMonths(3) };
        var db = await Sql.OfAsync(session, cancellationToken);
        var entered = await db.QueryAsync<(string Stage, string ActivityType, int Count, DateTimeOffset FirstAt)>(Entered, range);
        var left = await db.QueryAsync<(string Stage, string ActivityType, string Outcome, int Count)>(Left, range);
        var stages = entered.Select(row => (row.Stage, row.FirstAt))
            .Concat(left.Select(row => (row.Stage, FirstAt: DateTimeOffset.MaxValue)))
            .GroupBy(row => row.Stage)
            .OrderBy(stage => stage.Min(row => row.FirstAt))
            .Select(stage => stage.Key)
            .Select(stage => new StageFunnel(stage,
                entered.Where(row => row.Stage == stage).Sum(row => row.Count),
                Count(left, stage, HiringStage.Advance, OfferActivity.Accepted),
                Count(left, stage, HiringStage.Decline, OfferActivity.Rejected),
                Count(left, stage, nameof(Decision.Withdraw))))
            .ToList();
        return new HiringFunnel(query.Year, query.Quarter, range.From, range.To, stages,
            await db.ScalarAsync<int>(Applied, range),
            entered.Where(row => row.ActivityType == "Offer").Sum(row => row.Count),
            left.Where(row => row.ActivityType == "Offer" && row.Outcome == OfferActivity.Accepted).Sum(row => row.Count));
    }

    private static int Count(IEnumerable<(string Stage, string ActivityType, string Outcome, int Count)> left, string stage, params string[] outcomes) =>
        left.Where(row => row.Stage == stage && outcomes.Contains(row.Outcome)).Sum(row => row.Count);
}
