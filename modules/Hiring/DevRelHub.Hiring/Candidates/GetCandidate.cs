using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Process;
using DevRelHub.Workflows.Runtime;
using Mediator;

namespace DevRelHub.Hiring.Candidates;

internal sealed class GetCandidateHandler(DbSession session) : IQueryHandler<GetCandidate, CandidateProfile>
{
    private const string Select = """
        SELECT id AS Id, full_name AS FullName, email AS Email, time_zone AS TimeZone, phone AS Phone, links AS Links, follower_count AS FollowerCount,
               years_speaking AS YearsSpeaking, largest_audience AS LargestAudience, specialties AS Specialties, open_source_roles AS OpenSourceRoles,
               created_at AS CreatedAt
        FROM hiring_candidate WHERE id = @Id AND erased_at IS NULL
        """;

    private const string SelectApplications = $"SELECT {ApplicationStore.Columns} WHERE a.candidate_id = @Id ORDER BY a.created_at";

    public async ValueTask<CandidateProfile> Handle(GetCandidate query, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        // The candidate and their applications in one command.
        await using var results = await db.QueryMultipleAsync($"{Select};\n{SelectApplications}", new { query.Id });
        var row = await results.ReadSingleOrDefaultAsync<Row>() ?? throw new NotFoundException($"There is no candidate {query.Id}.");
        var applications = await results.ReadAsync<ApplicationRow>();
        return new CandidateProfile(row.Id, row.FullName, row.Email, row.TimeZone, row.Phone, CandidateLists.Read(row.Links), row.FollowerCount,
            row.YearsSpeaking, row.LargestAudience, [.. CandidateLists.Read(row.Specialties).Select(Enum.Parse<Specialty>)],
            CandidateLists.Read(row.OpenSourceRoles), row.CreatedAt, [.. applications.Select(application => application.Summary())]);
    }

    private sealed record Row(Guid Id, string FullName, string Email, string? TimeZone, string? Phone, string? Links, int? FollowerCount,
        int? YearsSpeaking, int? LargestAudience, string? Specialties, string? OpenSourceRoles, DateTimeOffset CreatedAt);
}
