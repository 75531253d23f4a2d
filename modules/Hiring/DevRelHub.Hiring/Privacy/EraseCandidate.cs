using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Process;
using DevRelHub.Workflows.Runtime;
using Mediator;

namespace DevRelHub.Hiring.Privacy;

/// <summary>
/// Erases a candidate. Each application is erased in one transaction with its workflow instance (variables,
/// journal details, mail): timeline details, decision reasons, interview places and scorecard notes go, while
/// stages, dates, ratings and recommendations stay for the funnel and panel statistics. The candidate's row
/// keeps only its id, creation date and the time of erasure.
/// </summary>
internal sealed class EraseCandidateHandler(DbSession session, WorkflowRuntime runtime, TimeProvider clock) : IRequestHandler<EraseCandidate, int>
{
    private const string SelectApplications = "SELECT id AS Id, instance_id AS InstanceId FROM hiring_application WHERE candidate_id = @Id";

    private const string EraseApplication = """
        UPDATE hiring_application SET decision_reason = NULL, closed_at = COALESCE(closed_at, @Now), stage_node_id = NULL,
            status = CASE WHEN status IN ('Active', 'Offered') THEN 'Withdrawn' ELSE status END
        WHERE id = @Id;
        UPDATE hiring_stage_visit SET left_at = @Now, outcome = 'Withdraw' WHERE application_id = @Id AND left_at IS NULL;
        UPDATE hiring_timeline SET detail = NULL, title = CASE WHEN kind = 'email' THEN 'E-mail' ELSE title END WHERE application_id = @Id;
        UPDATE hiring_interview SET location = NULL, video_link = NULL WHERE application_id = @Id;
        UPDATE hiring_scorecard SET notes = NULL WHERE interview_id IN (SELECT id FROM hiring_interview WHERE application_id = @Id);
        """;

    private const string EraseProfile = """
        UPDATE hiring_candidate SET full_name = 'Erased candidate', email = @Email, time_zone = NULL, phone = NULL, links = NULL,
            follower_count = NULL, years_speaking = NULL, largest_audience = NULL, specialties = NULL, open_source_roles = NULL, erased_at = @Now
        WHERE id = @Id
        """;

    public async ValueTask<int> Handle(EraseCandidate request, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        if (await db.ScalarAsync<int>("SELECT COUNT(*) FROM hiring_candidate WHERE id = @Id", new { request.Id }) == 0)
        {
            throw new NotFoundException($"There is no candidate {request.Id}.");
        }
        var applications = await db.QueryAsync<(Guid Id, Guid InstanceId)>(SelectApplications, new { request.Id });
        foreach (var (application, instance) in applications)
        {
            await runtime.EraseAsync(instance, cancellationToken, async (transaction, _) =>
            {
                var now = clock.GetUtcNow();
                var tx = Sql.Of(transaction);
                await tx.ExecuteAsync(EraseApplication, new { Id = application, Now = now });
                await ApplicationStore.AddTimelineAsync(tx, application, now, TimelineKinds.Decision, "Personal data erased", null, request.Actor);
            });
        }
        await session.InTransactionAsync(async _ =>
            await db.ExecuteAsync(EraseProfile, new { request.Id, Email = $"erased-{request.Id:N}@invalid", Now = clock.GetUtcNow() }), cancellationToken);
        return applications.Count;
    }
}

/// <summary>The retention rule: candidates whose every application closed unsuccessfully long enough ago are erased.</summary>
internal sealed class EraseDeclinedCandidatesHandler(DbSession session, ISender sender, TimeProvider clock) : IRequestHandler<EraseDeclinedCandidates, int>
{
    private const string Due = """
        SELECT c.id FROM hiring_candidate c
        WHERE c.erased_at IS NULL
          AND EXISTS (SELECT 1 FROM hiring_application a WHERE a.candidate_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM hiring_application a WHERE a.candidate_id = c.id
                          AND (a.status NOT IN ('Declined', 'Withdrawn', 'OfferDeclined') OR a.closed_at IS NULL OR a.closed_at >= @Before))
        """;

    public async ValueTask<int> Handle(EraseDeclinedCandidates request, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var due = await db.QueryAsync<Guid>(Due, new { Before = clock.GetUtcNow().AddMonths(-request.Months) });
        foreach (var candidate in due)
        {
            await sender.Send(new EraseCandidate(candidate, "retention"), cancellationToken);
        }
        return due.Count;
    }
}
