using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Workflows.Runtime;
using Mediator;

namespace DevRelHub.Advocacy.Contributions;

/// <summary>Three counts over date indexes: contributions, invitations, and activities of the open-source kind.</summary>
internal sealed class CountInvolvementHandler(DbSession session) : IQueryHandler<CountInvolvement, InvolvementCounts>
{
    private const string Counts = """
        SELECT
            (SELECT COUNT(*) FROM advocacy_contribution WHERE contributed_on >= @From AND contributed_on <= @To) AS CommunityContributions,
            (SELECT COUNT(*) FROM advocacy_invitation WHERE invited_on >= @From AND invited_on <= @To) AS InvitationsReceived,
            (SELECT COUNT(*) FROM advocacy_activity WHERE kind = @Kind AND occurred_on >= @From AND occurred_on <= @To) AS OpenSourceContributions
        """;

    public async ValueTask<InvolvementCounts> Handle(CountInvolvement query, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var row = await db.SingleOrDefaultAsync<(long Contributions, long Invitations, long OpenSource)>(Counts,
            new { query.From, query.To, Kind = nameof(ActivityKind.OpenSourceContribution) });
        return new InvolvementCounts((int)row.Contributions, (int)row.Invitations, (int)row.OpenSource);
    }
}

/// <summary>
/// The same three counts grouped by advocate; a contribution belongs to the advocate whose activity inspired it
/// (contributions inspired by a campaign belong to no one advocate).
/// </summary>
internal sealed class CountInvolvementByAdvocateHandler(DbSession session) : IQueryHandler<CountInvolvementByAdvocate, IReadOnlyList<AdvocateInvolvement>>
{
    private const string Counts = """
        SELECT advocate_id AS AdvocateId, SUM(contributions) AS Contributions, SUM(invitations) AS Invitations, SUM(open_source) AS OpenSource
        FROM (
            SELECT a.advocate_id, 1 AS contributions, 0 AS invitations, 0 AS open_source
            FROM advocacy_contribution c JOIN advocacy_activity a ON a.id = c.activity_id
            WHERE c.contributed_on >= @From AND c.contributed_on <= @To
            UNION ALL
            SELECT advocate_id, 0, 1, 0 FROM advocacy_invitation WHERE invited_on >= @From AND invited_on <= @To
            UNION ALL
            SELECT advocate_id, 0, 0, 1 FROM advocacy_activity WHERE kind = @Kind AND occurred_on >= @From AND occurred_on <= @To
        ) parts
        GROUP BY advocate_id
        """;

    public async ValueTask<IReadOnlyList<AdvocateInvolvement>> Handle(CountInvolvementByAdvocate query, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var rows = await db.QueryAsync<(Guid AdvocateId, long Contributions, long Invitations, long OpenSource)>(Counts,
            new { query.From, query.To, Kind = nameof(ActivityKind.OpenSourceContribution) });
        return [.. rows.Select(row => new AdvocateInvolvement(row.AdvocateId, (int)row.Contributions, (int)row.Invitations, (int)row.OpenSource))];
    }
}
