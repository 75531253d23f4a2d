using System.Data.Common;
using Dapper;
using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Interviews;
using DevRelHub.Hiring.Pipeline;
using DevRelHub.Hiring.Process;
using DevRelHub.Identity.Contracts;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace DevRelHub.Hiring.Scorecards;

/// <summary>
/// What scoring an interview checks first, in one command: the interview, whether the person sits on it, the attributes
/// its scorecards rate (the opening's requirements, then the presentation skills) and its application. As four queries,
/// one after another, they were most of a scorecard's round trips before the panel's resume.
/// </summary>
internal sealed record ScoringContext(InterviewRow Interview, bool SitsOn, IReadOnlyList<string> Attributes, ApplicationRow Application)
{
    private const string Select = $"""
        {InterviewStore.Select} WHERE id = @Id;
        {InterviewStore.SitsOn};
        SELECT r.text FROM hiring_opening_requirement r
        JOIN hiring_application a ON a.opening_id = r.opening_id
        JOIN hiring_interview i ON i.application_id = a.id
        WHERE i.id = @Id ORDER BY r.position;
        SELECT {ApplicationStore.Columns} WHERE a.id = (SELECT application_id FROM hiring_interview WHERE id = @Id)
        """;

    public static async Task<ScoringContext> ReadAsync(Sql db, Guid interviewId, string person)
    {
        await using var results = await db.QueryMultipleAsync(Select, new { Id = interviewId, Email = person.ToLowerInvariant() });
        var interview = InterviewStore.Found(await results.ReadSingleOrDefaultAsync<InterviewRow>(), interviewId);
        var sitsOn = await results.ReadSingleAsync<int>() > 0;
        IReadOnlyList<string> attributes = [.. await results.ReadAsync<string>(), .. Ratings.PresentationSkills];
        return new ScoringContext(interview, sitsOn, attributes, await results.ReadSingleAsync<ApplicationRow>());
    }
}

internal sealed class SubmitScorecardValidator : AbstractValidator<SubmitScorecard>
{
    public SubmitScorecardValidator()
    {
        RuleFor(x => x.Recommendation).InclusiveBetween(Ratings.StrongNo, Ratings.StrongYes)
            .WithMessage("The recommendation is 1 Strong No, 2 No, 3 Yes or 4 Strong Yes.");
        RuleForEach(x => x.Ratings).Must(rating => rating.Value is >= Ratings.StrongNo and <= Ratings.StrongYes)
            .WithMessage("Each rating is 1 Strong No, 2 No, 3 Yes or 4 Strong Yes.");
        RuleFor(x => x.Notes).MaximumLength(4000);
    }
}

/// <summary>
/// Stores an interviewer's scorecard. At a panel the scorecard is written in the same transaction as the resume
/// of the panel's bookmark, so the panel counts every scorecard exactly once: two panelists submitting together
/// are applied one after the other, and the one who completes the quorum completes the stage.
/// </summary>
internal sealed class SubmitScorecardHandler(DbSession session, ISqlDialect dialect, WorkflowRuntime runtime, PipelineChanges changes, TimeProvider clock)
    : IRequestHandler<SubmitScorecard, ScorecardView>
{
    private const int Attempts = 5;

    private const string Insert = """
        INSERT INTO hiring_scorecard (id, interview_id, interviewer_email, recommendation, notes, submitted_at)
        VALUES (@Id, @InterviewId, @Interviewer, @Recommendation, @Notes, @SubmittedAt)
        """;

    public async ValueTask<ScorecardView> Handle(SubmitScorecard request, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var interviewer = request.Interviewer.ToLowerInvariant();
        var (interview, sitsOn, attributes, application) = await ScoringContext.ReadAsync(db, request.InterviewId, interviewer);
        if (!sitsOn)
        {
            throw new ForbiddenException("Only the interview's interviewers submit scorecards for it.");
        }
        if (interview.CurrentStatus is InterviewStatus.Cancelled)
        {
            throw new ConflictException("The interview was cancelled.");
        }
        var ratings = request.Ratings.ToDictionary(rating => rating.Key.Trim(), rating => rating.Value, StringComparer.Ordinal);
        var unknown = ratings.Keys.Except(attributes).ToList();
        var missing = attributes.Except(ratings.Keys).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
        {
            throw new ValidationException([new ValidationFailure(nameof(request.Ratings),
                $"Rate each attribute once: {string.Join("; ", attributes)}."
                + (missing.Count > 0 ? $" Missing: {string.Join("; ", missing)}." : "")
                + (unknown.Count > 0 ? $" Not an attribute here: {string.Join("; ", unknown)}." : ""))]);
        }
        var now = clock.GetUtcNow();
        var scorecard = new ScorecardView(Guid.CreateVersion7(now), interview.Id, interviewer, ratings, request.Recommendation,
            string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(), now);
        for (var attempt = 1; ; attempt++)
        {
            if (!application.IsOpen || application.StageNodeId != interview.StageNodeId)
            {
                throw new ConflictException($"{interview.Stage} has closed; scorecards are no longer taken.");
            }
            try
            {
                // The panel's bookmark, resumed by its node: a stage that waits on no panel takes the scorecard alone.
                var resumed = await runtime.ResumeAtAsync(application.InstanceId, interview.StageNodeId, PanelPresentationActivity.Type,
                    new Stimulus(interviewer, request.Roles, PanelPresentationActivity.ScorecardSubmitted), cancellationToken,
                    (transaction, _) => StoreAsync(Sql.Of(transaction), scorecard, now));
                if (resumed is null)
                {
                    await session.InTransactionAsync(async _ => await StoreAsync(db, scorecard, now), cancellationToken);
                }
                changes.Raise(interview.ApplicationId);
                return scorecard;
            }
            catch (DbException e) when (dialect.IsUniqueViolation(e))
            {
                throw new ConflictException("You have already submitted your scorecard for this interview.");
            }
            catch (ConflictException) when (attempt < Attempts)
            {
                // Another scorecard resumed the panel first; its bookmark is gone, the panel waits on a new one (or has closed).
                application = await ApplicationStore.FindAsync(db, interview.ApplicationId);
            }
        }

        async Task<bool> StoreAsync(Sql tx, ScorecardView card, DateTimeOffset at)
        {
            var (sql, parameters) = WithRatings(card);
            var timeline = ApplicationStore.Timeline(parameters, interview.ApplicationId, at, TimelineKinds.Scorecard, $"Scorecard submitted for {interview.Stage}", null, card.Interviewer);
            await tx.ExecuteAsync($"{sql};\n{timeline}", parameters);
            return true;
        }
    }

    /// <summary>
    /// The scorecard and its ratings as one command (with its timeline entry, above): a statement per rating was a round
    /// trip each, thirteen for the demo's panel (in the load harness's PostgreSQL run a fifth of all statements were
    /// rating inserts).
    /// </summary>
    private static (string Sql, DynamicParameters Parameters) WithRatings(ScorecardView card)
    {
        var parameters = new DynamicParameters(new { card.Id, card.InterviewId, card.Interviewer, card.Recommendation, card.Notes, card.SubmittedAt });
        var rows = new List<string>(card.Ratings.Count);
        foreach (var (attribute, rating) in card.Ratings)
        {
            var i = rows.Count;
            parameters.Add($"Attribute{i}", attribute);
            parameters.Add($"Rating{i}", rating);
            rows.Add($"(@Id, @Attribute{i}, @Rating{i})");
        }
        return (rows.Count == 0 ? Insert : $"{Insert};\nINSERT INTO hiring_scorecard_rating (scorecard_id, attribute, rating) VALUES {string.Join(", ", rows)}", parameters);
    }
}

/// <summary>
/// Independent scoring: an interviewer sees the others' scorecards only once their own is in; recruiters and
/// hiring managers see them all once the stage has closed; anyone else is refused.
/// </summary>
internal sealed class GetScorecardsHandler(DbSession session) : IQueryHandler<GetScorecards, ScorecardSheet>
{
    private const string Select = """
        SELECT s.id AS Id, s.interviewer_email AS Interviewer, s.recommendation AS Recommendation, s.notes AS Notes, s.submitted_at AS SubmittedAt,
               r.attribute AS Attribute, r.rating AS Rating
        FROM hiring_scorecard s LEFT JOIN hiring_scorecard_rating r ON r.scorecard_id = s.id
        WHERE s.interview_id = @Id ORDER BY s.submitted_at, s.id
        """;

    public async ValueTask<ScorecardSheet> Handle(GetScorecards query, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var viewer = query.Viewer.ToLowerInvariant();
        var (interview, sitsOn, attributes, application) = await ScoringContext.ReadAsync(db, query.InterviewId, viewer);
        var runsPipeline = query.Roles.Any(role => role is Roles.Recruiter or Roles.HiringManager or Roles.Admin);
        if (!sitsOn && !runsPipeline)
        {
            throw new ForbiddenException("You do not sit on this interview.");
        }
        var rows = await db.QueryAsync<(Guid Id, string Interviewer, int Recommendation, string? Notes, DateTimeOffset SubmittedAt, string? Attribute, int? Rating)>(
            Select, new { interview.Id });
        var all = rows.GroupBy(row => row.Id).Select(card =>
        {
            var first = card.First();
            return new ScorecardView(first.Id, interview.Id, first.Interviewer,
                card.Where(row => row.Attribute is not null).ToDictionary(row => row.Attribute!, row => row.Rating!.Value), first.Recommendation, first.Notes, first.SubmittedAt);
        }).ToList();
        var stageClosed = !application.IsOpen || application.StageNodeId != interview.StageNodeId;
        var mayReadAll = sitsOn ? all.Any(card => card.Interviewer == viewer) : stageClosed;
        var visible = mayReadAll ? all : [];
        var result = mayReadAll && all.Count > 0
            ? Panel.Aggregate([.. all.Select(card => new PanelScore(card.Id, card.Recommendation, card.Ratings))])
            : null;
        return new ScorecardSheet(interview.Id, attributes, visible, all.Count - visible.Count, result);
    }
}
