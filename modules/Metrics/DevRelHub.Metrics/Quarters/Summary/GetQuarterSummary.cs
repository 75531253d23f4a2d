using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Metrics.Targets;
using Mediator;

namespace DevRelHub.Metrics.Quarters.Summary;

internal sealed class GetQuarterSummaryHandler(DbSession session, MonthlyRollup rollup, ISender sender) : IQueryHandler<GetQuarterSummary, QuarterSummary>
{
    private const int Top = 10;

    public async ValueTask<QuarterSummary> Handle(GetQuarterSummary query, CancellationToken cancellationToken)
    {
        var quarter = query.Quarter;
        var (from, to) = (quarter.FirstDay, quarter.LastDay);
        // The quarter and the one before in one pass over the rollup's month index; the year before in another.
        var months = await rollup.MetricMonthsAsync(quarter.Previous.FirstDay, to, cancellationToken);
        var totals = MonthlyRollup.Totals(months.Where(month => month.Month >= from));
        var awareness = MonthlyRollup.Awareness(totals);
        var involvement = await InvolvementAsync(quarter, cancellationToken);
        var followers = await sender.Send(new GetFollowerGrowth(from, to), cancellationToken);
        var targets = await TargetStore.ListAsync(session, quarter, cancellationToken);
        return new QuarterSummary(quarter, awareness, totals, await sender.Send(new CountActivities(from, to), cancellationToken), involvement,
            [.. followers.Select(growth => new FollowerGrowth(growth.AdvocateId, growth.AdvocateName, growth.Followers, growth.Growth))],
            new KpiDelta(MonthlyRollup.Awareness(MonthlyRollup.Totals(months.Where(month => month.Month < from))), await AwarenessAsync(quarter.YearBefore, cancellationToken), awareness),
            new KpiDelta((await InvolvementAsync(quarter.Previous, cancellationToken)).Total, (await InvolvementAsync(quarter.YearBefore, cancellationToken)).Total, involvement.Total),
            TargetStore.Against(targets, KpiName.Awareness, null, awareness),
            TargetStore.Against(targets, KpiName.Involvement, null, involvement.Total),
            MonthlyRollup.Awareness(months, from, to),
            await TopActivitiesAsync(quarter, cancellationToken));
    }

    private async Task<long> AwarenessAsync(Quarter quarter, CancellationToken cancellationToken) =>
        MonthlyRollup.Awareness(MonthlyRollup.Totals(await rollup.MetricMonthsAsync(quarter.FirstDay, quarter.LastDay, cancellationToken)));

    private async Task<IReadOnlyList<ActivityAwareness>> TopActivitiesAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var top = (await rollup.BySubjectAsync(quarter, cancellationToken))
            .GroupBy(row => row.ActivityId, (id, rows) => (Id: id, Awareness: rows.Sum(row => row.Awareness)))
            .OrderByDescending(activity => activity.Awareness).ThenBy(activity => activity.Id)
            .Take(Top).ToList();
        var facts = await rollup.FactsAsync(top.Select(activity => activity.Id), cancellationToken);
        return [.. top.Where(activity => facts.ContainsKey(activity.Id)).Select(activity => MonthlyRollup.Describe(facts[activity.Id], activity.Awareness))];
    }

    private async Task<Involvement> InvolvementAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var counts = await sender.Send(new CountInvolvement(quarter.FirstDay, quarter.LastDay), cancellationToken);
        return new Involvement(counts.CommunityContributions, counts.InvitationsReceived, counts.OpenSourceContributions);
    }
}
