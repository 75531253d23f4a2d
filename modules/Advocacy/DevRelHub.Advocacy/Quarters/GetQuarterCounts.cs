using DevRelHub.Advocacy.Activities;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Advocacy.Contributions;
using DevRelHub.Data;
using DevRelHub.Workflows.Runtime;
using Mediator;

namespace DevRelHub.Advocacy.Quarters;

/// <summary>
/// A quarter summary's counts in one command, one round trip: they were five queries (involvement in three periods,
/// follower growth, activities), and on PostgreSQL each round trip costs the server more in the kernel than its query
/// costs it (perf, load harness).
/// </summary>
internal sealed class GetQuarterCountsHandler(DbSession session) : IQueryHandler<GetQuarterCounts, QuarterCounts>
{
    private const string FollowerCounts = """
        SELECT v.id AS AdvocateId, v.display_name AS AdvocateName, f.network AS Network, f.counted_on AS CountedOn, f.followers AS Followers
        FROM advocacy_follower_count f
        JOIN advocacy_advocate v ON v.id = f.advocate_id
        WHERE f.counted_on <= @To
        """;

    public async ValueTask<QuarterCounts> Handle(GetQuarterCounts query, CancellationToken cancellationToken)
    {
        var parameters = InvolvementCounting.Parameters(query.InvolvementPeriods);
        parameters.AddDynamicParams(new { query.Quarter.From, query.Quarter.To });
        var involvement = query.InvolvementPeriods.Count > 0 ? $"{InvolvementCounting.Select(query.InvolvementPeriods.Count)};\n" : "";
        var db = await Sql.OfAsync(session, cancellationToken);
        await using var results = await db.QueryMultipleAsync($"{involvement}{FollowerCounts};\n{CountActivitiesHandler.Count}", parameters);
        var counts = involvement.Length > 0 ? InvolvementCounting.InOrder(await results.ReadAsync<InvolvementCounting.Row>()) : [];
        var followers = Growth(await results.ReadAsync<(Guid AdvocateId, string AdvocateName, string Network, DateOnly CountedOn, long Followers)>(), query.Quarter.From);
        return new QuarterCounts(counts, followers, await results.ReadSingleAsync<long>());
    }

    private static List<AdvocateFollowerGrowth> Growth(IEnumerable<(Guid AdvocateId, string AdvocateName, string Network, DateOnly CountedOn, long Followers)> counts, DateOnly from) =>
    [
        .. counts.GroupBy(count => (count.AdvocateId, count.AdvocateName))
            .Select(advocate =>
            {
                var networks = advocate.GroupBy(count => count.Network).Select(network =>
                {
                    var ordered = network.OrderBy(count => count.CountedOn).ToList();
                    var after = ordered[^1].Followers;
                    var before = ordered.Where(count => count.CountedOn < from).Select(count => (long?)count.Followers).LastOrDefault()
                        ?? ordered[0].Followers;
                    return (After: after, Growth: after - before);
                }).ToList();
                return new AdvocateFollowerGrowth(advocate.Key.AdvocateId, advocate.Key.AdvocateName, networks.Sum(n => n.After), networks.Sum(n => n.Growth));
            })
            .OrderByDescending(growth => growth.Growth)
            .ThenBy(growth => growth.AdvocateName, StringComparer.Ordinal),
    ];
}
