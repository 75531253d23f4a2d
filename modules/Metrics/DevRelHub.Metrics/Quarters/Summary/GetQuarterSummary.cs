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
        var totals = await TotalsAsync(query.Quarter, cancellationToken);
        var awareness = Awareness(totals);
        var activities = await sender.Send(new CountActivities(from, to), cancellationToken);
        var involvement = await InvolvementAsync(query.Quarter, cancellationToken);
        var followers = await sender.Send(new GetFollowerGrowth(from, to), cancellationToken);
        var previous = query.Quarter.Previous;
        var yearBefore = query.Quarter.YearBefore;
        return new QuarterSummary(query.Quarter, awareness, totals, activities, involvement,
            [.. followers.Select(growth => new FollowerGrowth(growth.AdvocateId, growth.AdvocateName, growth.Followers, growth.Growth))],
            new KpiDelta(Awareness(await TotalsAsync(previous, cancellationToken)), Awareness(await TotalsAsync(yearBefore, cancellationToken)), awareness),
            new KpiDelta((await InvolvementAsync(previous, cancellationToken)).Total, (await InvolvementAsync(yearBefore, cancellationToken)).Total, involvement.Total));
    }

    private async Task<IReadOnlyList<MetricTotal>> TotalsAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        return [.. (await db.QueryAsync<TotalRow>(session.Command(TotalsByMetric, new { From = quarter.FirstDay, To = quarter.LastDay }, cancellationToken)))
            .Select(row => new MetricTotal(Enum.Parse<MetricKind>(row.Metric), row.Total))
            .OrderBy(total => total.Metric)];
    }

    private static long Awareness(IEnumerable<MetricTotal> totals) => totals.Where(total => Kpi.EyeballMetrics.Contains(total.Metric)).Sum(total => total.Total);

    private async Task<Involvement> InvolvementAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var counts = await sender.Send(new CountInvolvement(quarter.FirstDay, quarter.LastDay), cancellationToken);
        return new Involvement(counts.CommunityContributions, counts.InvitationsReceived, counts.OpenSourceContributions);
    }

    // Settable properties, not a constructor: SQLite types an aggregate column only once it has a row.
    private sealed class TotalRow
    {
        public string Metric { get; init; } = "";

        public long Total { get; init; }
    }
}
