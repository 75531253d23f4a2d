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
