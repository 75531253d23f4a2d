using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Workflows.Runtime;
using Mediator;

namespace DevRelHub.Advocacy.Advocates;

internal sealed class GetFollowerGrowthHandler(DbSession session) : IQueryHandler<GetFollowerGrowth, IReadOnlyList<AdvocateFollowerGrowth>>
{
    private const string Select = """
        SELECT v.id AS AdvocateId, v.display_name AS AdvocateName, f.network AS Network, f.counted_on AS CountedOn, f.followers AS Followers
        FROM advocacy_follower_count f
        JOIN advocacy_advocate v ON v.id = f.advocate_id
        WHERE f.counted_on <= @To
        """;

    public async ValueTask<IReadOnlyList<AdvocateFollowerGrowth>> Handle(GetFollowerGrowth query, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var counts = await db.QueryAsync<(Guid AdvocateId, string AdvocateName, string Network, DateOnly CountedOn, long Followers)>(Select, new { query.To });
        return
        [
            .. counts.GroupBy(count => (count.AdvocateId, count.AdvocateName))
                .Select(advocate =>
                {
                    var networks = advocate.GroupBy(count => count.Network).Select(network =>
                    {
                        var ordered = network.OrderBy(count => count.CountedOn).ToList();
                        var after = ordered[^1].Followers;
                        var before = ordered.Where(count => count.CountedOn < query.From).Select(count => (long?)count.Followers).LastOrDefault()
                            ?? ordered[0].Followers;
                        return (After: after, Growth: after - before);
                    }).ToList();
                    return new AdvocateFollowerGrowth(advocate.Key.AdvocateId, advocate.Key.AdvocateName, networks.Sum(n => n.After), networks.Sum(n => n.Growth));
                })
                .OrderByDescending(growth => growth.Growth)
                .ThenBy(growth => growth.AdvocateName, StringComparer.Ordinal),
        ];
    }
}
