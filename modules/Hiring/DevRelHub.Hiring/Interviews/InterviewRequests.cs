using System.Globalization;
using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Pipeline;
using DevRelHub.Hiring.Process;
using DevRelHub.Identity.Contracts;
using DevRelHub.Workflows.Outbox;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using Mediator;

namespace DevRelHub.Hiring.Interviews;

internal sealed record InterviewRow(
    Guid Id, Guid ApplicationId, string Stage, string StageNodeId, DateTimeOffset StartsAt, int DurationMinutes, string? Location, string? VideoLink,
    string Status, int Sequence, DateTimeOffset CreatedAt)
{
    public InterviewStatus CurrentStatus => Enum.Parse<InterviewStatus>(Status);
}

/// <summary>The interview SQL the requests share, and who may see an interview.</summary>
internal static class InterviewStore
{
    public const string Select = """
        SELECT id AS Id, application_id AS ApplicationId, stage AS Stage, stage_node_id AS StageNodeId, starts_at AS StartsAt,
               duration_minutes AS DurationMinutes, location AS Location, video_link AS VideoLink, status AS Status, sequence AS Sequence, created_at AS CreatedAt
        FROM hiring_interview
        """;

    private const string SelectInterviewers = "SELECT email AS Email, display_name AS Name, time_zone AS TimeZone FROM hiring_interviewer WHERE interview_id = @Id ORDER BY display_name";

    public static async Task<InterviewRow> FindAsync(Sql db, Guid id) => Found(await db.SingleOrDefaultAsync<InterviewRow>(Select + " WHERE id = @Id", new { Id = id }), id);

    /// <summary>The interview read, or 404 when there is none.</summary>
    public static InterviewRow Found(InterviewRow? interview, Guid id) => interview ?? throw new NotFoundException($"There is no interview {id}.");

    private const string SelectListed = """
        SELECT i.id AS Id, i.application_id AS ApplicationId, c.full_name AS CandidateName, i.stage AS Stage, i.starts_at AS StartsAt,
               i.duration_minutes AS DurationMinutes, i.location AS Location, i.video_link AS VideoLink, i.status AS Status,
               (SELECT COUNT(*) FROM hiring_scorecard s WHERE s.interview_id = i.id) AS Submitted
        FROM hiring_interview i
        JOIN hiring_application a ON a.id = i.application_id
        JOIN hiring_candidate c ON c.id = a.candidate_id
        """;

    private const string SelectListedInterviewers = """
        SELECT v.interview_id AS InterviewId, v.email AS Email, v.display_name AS Name, v.time_zone AS TimeZone
        FROM hiring_interviewer v
        JOIN hiring_interview i ON i.id = v.interview_id
        """;

    /// <summary>
    /// Interviews with their people in two queries: of one application when given, only those <paramref name="interviewer"/>
    /// sits on when given, only those starting in [<paramref name="since"/>, <paramref name="until"/>) when given.
    /// </summary>
    public static async Task<IReadOnlyList<InterviewDetails>> ListAsync(Sql db, string? interviewer, Guid? applicationId, DateTimeOffset? since, DateTimeOffset? until)
    {
        var conditions = new List<string>();
        if (interviewer is not null)
        {
            conditions.Add("i.id IN (SELECT interview_id FROM hiring_interviewer WHERE email = @Email)");
        }
        if (applicationId is not null)
        {
            conditions.Add("i.application_id = @ApplicationId");
        }
        if (since is not null && until is not null)
        {
            conditions.Add("i.starts_at >= @Since AND i.starts_at < @Until");
        }
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var parameters = new { Email = interviewer, ApplicationId = applicationId, Since = since, Until = until };
        var rows = await db.QueryAsync<ListedRow>(SelectListed + where + " ORDER BY i.starts_at, i.id", parameters);
        var people = (await db.QueryAsync<ListedInterviewer>(SelectListedInterviewers + where + " ORDER BY v.display_name", parameters))
            .ToLookup(person => person.InterviewId, person => new Interviewer(person.Email, person.Name, person.TimeZone));
        return [.. rows.Select(row => new InterviewDetails(row.Id, row.ApplicationId, row.CandidateName, row.Stage, row.StartsAt, row.DurationMinutes,
            row.Location, row.VideoLink, Enum.Parse<InterviewStatus>(row.Status), [.. people[row.Id]], row.Submitted))];
    }

    private sealed record ListedRow(Guid Id, Guid ApplicationId, string CandidateName, string Stage, DateTimeOffset StartsAt, int DurationMinutes,
        string? Location, string? VideoLink, string Status, int Submitted);

    private sealed record ListedInterviewer(Guid InterviewId, string Email, string Name, string? TimeZone);

    public static Task<IReadOnlyList<Interviewer>> InterviewersAsync(Sql db, Guid id) => db.QueryAsync<Interviewer>(SelectInterviewers, new { Id = id });

    public static async Task<InterviewDetails> DetailsAsync(Sql db, InterviewRow interview)
    {
        var application = await ApplicationStore.FindAsync(db, interview.ApplicationId);
        var submitted = await db.ScalarAsync<int>("SELECT COUNT(*) FROM hiring_scorecard WHERE interview_id = @Id", new { interview.Id });
        return new InterviewDetails(interview.Id, interview.ApplicationId, application.CandidateName, interview.Stage, interview.StartsAt, interview.DurationMinutes,
            interview.Location, interview.VideoLink, interview.CurrentStatus, await InterviewersAsync(db, interview.Id), submitted);
    }

    /// <summary>
    /// Tells everyone concerned that an interview changed (moved or cancelled, as <paramref name="interview"/> now stands):
    /// a timeline entry, the updated invitation or the cancellation to each person, and the open boards.
    /// </summary>
    public static async Task<InterviewDetails> AnnounceAsync(Sql db, EmailOutbox outbox, PipelineChanges changes, InterviewRow interview, DateTimeOffset now,
        string title, string actor, CancellationToken cancellationToken)
    {
        var application = await ApplicationStore.FindAsync(db, interview.ApplicationId);
        await ApplicationStore.AddTimelineAsync(db, application.Id, now, TimelineKinds.Interview, title, null, actor);
        await Invitations.SendAsync(db, outbox, application, interview, await InterviewersAsync(db, interview.Id),
            cancelled: interview.CurrentStatus is InterviewStatus.Cancelled, cancellationToken);
        changes.Raise(application.Id);
        return await DetailsAsync(db, interview);
    }

    /// <summary>Recruiters, hiring managers and admins see every interview; anyone else only those they sit on (others: 403).</summary>
    public static async Task EnsureMaySeeAsync(Sql db, Guid interviewId, string viewer, IReadOnlyCollection<string> roles)
    {
        if (roles.Any(role => role is Roles.Recruiter or Roles.HiringManager or Roles.Admin) || await SitsOnAsync(db, interviewId, viewer))
        {
            return;
        }
        throw new ForbiddenException("You do not sit on this interview.");
    }

    /// <summary>Whether the person in <c>@Email</c> (lower case) sits on the interview <c>@Id</c>: a count above zero.</summary>
    public const string SitsOn = "SELECT COUNT(*) FROM hiring_interviewer WHERE interview_id = @Id AND email = @Email";

    public static async Task<bool> SitsOnAsync(Sql db, Guid interviewId, string viewer) =>
        await db.ScalarAsync<int>(SitsOn, new { Id = interviewId, Email = viewer.ToLowerInvariant() }) > 0;
}

internal sealed class ScheduleInterviewValidator : AbstractValidator<ScheduleInterview>
{
    public ScheduleInterviewValidator()
    {
        RuleFor(x => x.DurationMinutes).InclusiveBetween(15, 240);
        RuleFor(x => x.Interviewers).NotEmpty().WithMessage("Name at least one interviewer.");
        RuleFor(x => x.Interviewers).Must(people => people is null || people.Count <= 12).WithMessage("At most 12 interviewers.");
        RuleForEach(x => x.Interviewers).ChildRules(person =>
        {
            person.RuleFor(p => p.Email).NotEmpty().EmailAddress().MaximumLength(320);
            person.RuleFor(p => p.Name).NotEmpty().MaximumLength(200);
            person.RuleFor(p => p.TimeZone).Must(zone => zone is null || TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
                .WithMessage("Time zone must be an IANA zone such as Europe/Berlin.");
        });
        RuleFor(x => x.Location).MaximumLength(500);
        RuleFor(x => x.VideoLink).MaximumLength(500)
            .Must(link => link is null || Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .WithMessage("The video link must be an http(s) address.");
    }
}

internal sealed class ScheduleInterviewHandler(DbSession session, EmailOutbox outbox, PipelineChanges changes, TimeProvider clock) : ICommandHandler<ScheduleInterview, InterviewDetails>
{
    private const string Insert = """
        INSERT INTO hiring_interview (id, application_id, stage, stage_node_id, starts_at, duration_minutes, location, video_link, status, sequence, created_at)
        VALUES (@Id, @ApplicationId, @Stage, @StageNodeId, @StartsAt, @DurationMinutes, @Location, @VideoLink, @Status, @Sequence, @CreatedAt)
        """;

    private const string InsertInterviewer = "INSERT INTO hiring_interviewer (interview_id, email, display_name, time_zone) VALUES (@InterviewId, @Email, @Name, @TimeZone)";

    public async ValueTask<InterviewDetails> Handle(ScheduleInterview command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var application = await ApplicationStore.FindAsync(db, command.ApplicationId);
        if (!application.IsOpen || application.Stage is null || application.StageNodeId is null)
        {
            throw new ConflictException($"The application is {application.Status} and at no stage that meets the candidate.");
        }
        var now = clock.GetUtcNow();
        var interview = new InterviewRow(Guid.CreateVersion7(now), application.Id, application.Stage, application.StageNodeId, command.StartsAt.ToUniversalTime(),
            command.DurationMinutes, Blank(command.Location), Blank(command.VideoLink), nameof(InterviewStatus.Scheduled), 0, now);
        await db.ExecuteAsync(Insert, interview);
        var interviewers = command.Interviewers
            .Select(person => person with { Email = person.Email.Trim().ToLowerInvariant(), Name = person.Name.Trim() })
            .DistinctBy(person => person.Email)
            .ToList();
        await db.ExecuteAsync(InsertInterviewer, interviewers.Select(person => new { InterviewId = interview.Id, person.Email, person.Name, person.TimeZone }));
        await ApplicationStore.AddTimelineAsync(db, application.Id, now, TimelineKinds.Interview,
            string.Create(CultureInfo.InvariantCulture, $"{interview.Stage} scheduled for {interview.StartsAt:yyyy-MM-dd HH:mm} UTC ({interview.DurationMinutes} min)"),
            $"Interviewers: {string.Join(", ", interviewers.Select(person => person.Name))}", command.Actor);
        await Invitations.SendAsync(db, outbox, application, interview, interviewers, cancelled: false, cancellationToken);
        await ApplicationStore.AddTimelineAsync(db, application.Id, now, TimelineKinds.Email, $"Invitations sent to {interviewers.Count + 1} people", null, null);
        changes.Raise(application.Id);
        return await InterviewStore.DetailsAsync(db, interview);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

internal sealed class RescheduleInterviewValidator : AbstractValidator<RescheduleInterview>
{
    public RescheduleInterviewValidator() => RuleFor(x => x.DurationMinutes).InclusiveBetween(15, 240);
}

internal sealed class RescheduleInterviewHandler(DbSession session, EmailOutbox outbox, PipelineChanges changes, TimeProvider clock) : ICommandHandler<RescheduleInterview, InterviewDetails>
{
    private const string Update = "UPDATE hiring_interview SET starts_at = @StartsAt, duration_minutes = @DurationMinutes, sequence = @Sequence WHERE id = @Id";

    public async ValueTask<InterviewDetails> Handle(RescheduleInterview command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var interview = await InterviewStore.FindAsync(db, command.Id);
        if (interview.CurrentStatus is InterviewStatus.Cancelled)
        {
            throw new ConflictException("The interview is cancelled; schedule a new one.");
        }
        var moved = interview with
        {
            StartsAt = command.StartsAt.ToUniversalTime(),
            DurationMinutes = command.DurationMinutes ?? interview.DurationMinutes,
            Sequence = interview.Sequence + 1,
        };
        await db.ExecuteAsync(Update, moved);
        return await InterviewStore.AnnounceAsync(db, outbox, changes, moved, clock.GetUtcNow(),
            string.Create(CultureInfo.InvariantCulture, $"{interview.Stage} moved to {moved.StartsAt:yyyy-MM-dd HH:mm} UTC ({moved.DurationMinutes} min)"), command.Actor,
            cancellationToken);
    }
}

internal sealed class CancelInterviewHandler(DbSession session, EmailOutbox outbox, PipelineChanges changes, TimeProvider clock) : ICommandHandler<CancelInterview, InterviewDetails>
{
    private const string Update = "UPDATE hiring_interview SET status = @Status, sequence = @Sequence WHERE id = @Id";

    public async ValueTask<InterviewDetails> Handle(CancelInterview command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var interview = await InterviewStore.FindAsync(db, command.Id);
        if (interview.CurrentStatus is InterviewStatus.Cancelled)
        {
            throw new ConflictException("The interview is already cancelled.");
        }
        var cancelled = interview with { Status = nameof(InterviewStatus.Cancelled), Sequence = interview.Sequence + 1 };
        await db.ExecuteAsync(Update, cancelled);
        return await InterviewStore.AnnounceAsync(db, outbox, changes, cancelled, clock.GetUtcNow(), $"{interview.Stage} cancelled", command.Actor, cancellationToken);
    }
}

internal sealed class GetInterviewHandler(DbSession session) : IQueryHandler<GetInterview, InterviewDetails>
{
    public async ValueTask<InterviewDetails> Handle(GetInterview query, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var interview = await InterviewStore.FindAsync(db, query.Id);
        await InterviewStore.EnsureMaySeeAsync(db, interview.Id, query.Viewer, query.Roles);
        return await InterviewStore.DetailsAsync(db, interview);
    }
}

internal sealed class ListInterviewsHandler(DbSession session, TimeProvider clock) : IQueryHandler<ListInterviews, IReadOnlyList<InterviewDetails>>
{
    /// <summary>The pipeline's list of upcoming interviews: from a day back (today's earlier ones still show) to four weeks ahead.</summary>
    private static readonly TimeSpan Recent = TimeSpan.FromDays(1);

    private static readonly TimeSpan Ahead = TimeSpan.FromDays(28);

    public async ValueTask<IReadOnlyList<InterviewDetails>> Handle(ListInterviews query, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var seesAll = query.Roles.Any(role => role is Roles.Recruiter or Roles.HiringManager or Roles.Admin);
        var now = clock.GetUtcNow();
        var calendar = seesAll && query.ApplicationId is null;
        return await InterviewStore.ListAsync(db, seesAll ? null : query.Viewer.ToLowerInvariant(), query.ApplicationId,
            calendar ? now - Recent : null, calendar ? now + Ahead : null);
    }
}
