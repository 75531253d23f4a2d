using DevRelHub.Advocacy.Contracts;
using DevRelHub.Metrics.Contracts;
using Mediator;

namespace DevRelHub.Metrics.Quarters.Trend;

/// <summary>One rollup query over the months of every quarter asked for, and the involvement counts of every quarter in another.</summary>
internal sealed class GetTrendHandler(MonthlyRollup rollup, ISender sender) : IQueryHandler<GetTrend, IReadOnlyList<TrendPoint>>
{
    public async ValueTask<IReadOnlyList<TrendPoint>> Handle(GetTrend query, CancellationToken cancellationToken)
    {
        var count = Math.Clamp(query.Quarters, 1, GetTrend.MaxQuarters);
        var quarters = new List<Quarter> { query.Last };
        while (quarters.Count < count)
        {
            quarters.Insert(0, quarters[0].Previous);
        }
        var (from, to) = (quarters[0].FirstDay, query.Last.LastDay);
        var months = MonthlyRollup.Awareness(await rollup.MetricMonthsAsync(from, to, cancellationToken), from, to);
        var counts = await sender.Send(new CountInvolvement([.. quarters.Select(quarter => new DatePeriod(quarter.FirstDay, quarter.LastDay))]), cancellationToken);
        return
        [
            .. quarters.Zip(counts, (quarter, involvement) =>
            {
                var inQuarter = months.Where(month => Quarter.Containing(month.Month) == quarter).ToList();
                return new TrendPoint(quarter, inQuarter.Sum(month => month.Awareness),
                    new Involvement(involvement.CommunityContributions, involvement.InvitationsReceived, involvement.OpenSourceContributions), inQuarter);
            }),
        ];
    }
}
