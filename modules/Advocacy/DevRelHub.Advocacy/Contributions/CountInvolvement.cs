using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Workflows.Runtime;
using Mediator;

namespace DevRelHub.Advocacy.Contributions;

/// <summary>
/// Three counts over date indexes for each period — contributions, invitations, and activities of the open-source
/// kind — a row a period, in one statement.
/// </summary>
internal static class InvolvementCounting
{
    public static string Select(int periods) => string.Join("\nUNION ALL\n", Enumerable.Range(0, periods).Select(i => $"""
        SELECT {i} AS Period,
            (SELECT COUNT(*) FROM advocacy_contribution WHERE contributed_on >= @From{i} AND contributed_on <= @To{i}) AS CommunityContributions,
            (SELECT COUNT(*) FROM advocacy_invitation WHERE invited_on >= @From{i} AND invited_on <= @To{i}) AS InvitationsReceived,
            (SELECT COUNT(*) FROM advocacy_activity WHERE kind = @Kind AND occurred_on >= @From{i} AND occurred_on <= @To{i}) AS OpenSourceContributions
        """));

    public static DynamicParameters Parameters(IReadOnlyList<DatePeriod> periods)
    {
        var parameters = new DynamicParameters(new { Kind = nameof(ActivityKind.OpenSourceContribution) });
        for (var i = 0; i < periods.Count; i++)
        {
            parameters.Add($"From{i}", periods[i].From);
            parameters.Add($"To{i}", periods[i].To);
        }
        return parameters;
    }

    public static IReadOnlyList<InvolvementCounts> InOrder(IEnumerable<Row> rows) =>
        [.. rows.OrderBy(row => row.Period).Select(row => new InvolvementCounts((int)row.CommunityContributions, (int)row.InvitationsReceived, (int)row.OpenSourceContributions))];

    internal sealed class Row
    {
        public required long Period { get; init; }

        public required long CommunityContributions { get; init; }

        public required long InvitationsReceived { get; init; }

        public required long OpenSourceContributions { get; init; }
    }
}

internal sealed class CountInvolvementHandler(DbSession session) : IQueryHandler<CountInvolvement, IReadOnlyList<InvolvementCounts>>
{
    public async ValueTask<IReadOnlyList<InvolvementCounts>> Handle(CountInvolvement query, CancellationToken cancellationToken)
    {
        if (query.Periods.Count == 0)
        {
            return [];
        }
        var db = await Sql.OfAsync(session, cancellationToken);
        return InvolvementCounting.InOrder(await db.QueryAsync<InvolvementCounting.Row>(
            InvolvementCounting.Select(query.Periods.Count), InvolvementCounting.Parameters(query.Periods)));
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
