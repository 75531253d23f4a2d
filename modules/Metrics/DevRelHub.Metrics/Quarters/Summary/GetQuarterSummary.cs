using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Metrics.Targets;
using Mediator;

namespace DevRelHub.Metrics.Quarters.Summary;

/// <summary>
/// The quarter's figures, in ten queries: the rollup's months from the year before to the quarter's end in one (it was
/// two), Advocacy's counts, the targets, the top activities. Asked for at once, each in a scope of its own, the
/// Advocacy counts made the summary faster on PostgreSQL (p95 55.7 → 37–44 ms in the load harness) and the whole mix
/// slower on SQLite (4,218 → 3,565 requests/s, a connection opened per count): they stay in the request's session.
/// </summary>
internal sealed class GetQuarterSummaryHandler(DbSession session, MonthlyRollup rollup, ISender sender) : IQueryHandler<GetQuarterSummary, QuarterSummary>
{
    private const int Top = 10;

    public async ValueTask<QuarterSummary> Handle(GetQuarterSummary query, CancellationToken cancellationToken)
    {
        var quarter = query.Quarter;
        var (from, to) = (quarter.FirstDay, quarter.LastDay);
        var months = await rollup.MetricMonthsAsync(quarter.YearBefore.FirstDay, to, cancellationToken);
        var totals = MonthlyRollup.Totals(months.Where(month => month.Month >= from));
        var awareness = MonthlyRollup.Awareness(totals);
        var involvement = await InvolvementAsync(quarter, cancellationToken);
        var followers = await sender.Send(new GetFollowerGrowth(from, to), cancellationToken);
        var targets = await TargetStore.ListAsync(session, quarter, cancellationToken);
        return new QuarterSummary(quarter, awareness, totals, await sender.Send(new CountActivities(from, to), cancellationToken), involvement,
            [.. followers.Select(growth => new FollowerGrowth(growth.AdvocateId, growth.AdvocateName, growth.Followers, growth.Growth))],
            new KpiDelta(AwarenessIn(months, quarter.Previous), AwarenessIn(months, quarter.YearBefore), awareness),
            new KpiDelta((await InvolvementAsync(quarter.Previous, cancellationToken)).Total, (await InvolvementAsync(quarter.YearBefore, cancellationToken)).Total, involvement.Total),
            TargetStore.Against(targets, KpiName.Awareness, null, awareness),
            TargetStore.Against(targets, KpiName.Involvement, null, involvement.Total),
            MonthlyRollup.Awareness(months, from, to),
            await TopActivitiesAsync(quarter, cancellationToken));
    }

    private static long AwarenessIn(IEnumerable<MonthTotal> months, Quarter quarter) =>
        MonthlyRollup.Awareness(MonthlyRollup.Totals(months.Where(month => month.Month >= quarter.FirstDay && month.Month <= quarter.LastDay)));

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
