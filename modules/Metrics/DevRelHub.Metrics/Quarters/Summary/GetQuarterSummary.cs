using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using Mediator;

namespace DevRelHub.Metrics.Quarters.Summary;

internal sealed class GetQuarterSummaryHandler(DbSession session, ISender sender) : IQueryHandler<GetQuarterSummary, QuarterSummary>
{
    private const string TotalsByMetric = """
        SELECT metric AS Metric, CAST(SUM(value) AS BIGINT) AS Total
        FROM metrics_observation
        WHERE observed_on >= @From AND observed_on <= @To
        GROUP BY metric
        """;

    public async ValueTask<QuarterSummary> Handle(GetQuarterSummary query, CancellationToken cancellationToken)
    {
        var (from, to) = (query.Quarter.FirstDay, query.Quarter.LastDay);
        var db = await session.ConnectionAsync(cancellationToken);
        var totals = (await db.QueryAsync<TotalRow>(session.Command(TotalsByMetric, new { From = from, To = to }, cancellationToken)))
            .Select(row => new MetricTotal(Enum.Parse<MetricKind>(row.Metric), row.Total))
            .OrderBy(total => total.Metric)
            .ToList();
        var awareness = totals.Where(total => Kpi.EyeballMetrics.Contains(total.Metric)).Sum(total => total.Total);
        var activities = await sender.Send(new CountActivities(from, to), cancellationToken);
        var involvement = await sender.Send(new CountInvolvement(from, to), cancellationToken);
        var followers = await sender.Send(new GetFollowerGrowth(from, to), cancellationToken);
        return new QuarterSummary(query.Quarter, awareness, totals, activities,
            new Involvement(involvement.CommunityContributions, involvement.InvitationsReceived, involvement.OpenSourceContributions),
            [.. followers.Select(growth => new FollowerGrowth(growth.AdvocateId, growth.AdvocateName, growth.Followers, growth.Growth))]);
    }

    // Settable properties, not a constructor: SQLite types an aggregate column only once it has a row.
    private sealed class TotalRow
    {
        public string Metric { get; init; } = "";

        public long Total { get; init; }
    }
}
