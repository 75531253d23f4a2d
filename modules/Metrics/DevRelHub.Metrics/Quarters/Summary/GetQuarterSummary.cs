using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Metrics.Targets;
using Mediator;

namespace DevRelHub.Metrics.Quarters.Summary;

/// <summary>
/// The quarter's figures. Advocacy's counts (involvement in three quarters, follower growth, activities) are asked for
/// at once, each in a scope of its own (a connection of its own), while this handler reads the rollup, the targets and
/// the top activities: as eleven queries one after another the summary was the slowest read of the load harness's
/// PostgreSQL run (p95 55.7 ms against 13.5–18.6 for the others).
/// </summary>
internal sealed class GetQuarterSummaryHandler(DbSession session, MonthlyRollup rollup, ScopedSender advocacy) : IQueryHandler<GetQuarterSummary, QuarterSummary>
{
    private const int Top = 10;

    public async ValueTask<QuarterSummary> Handle(GetQuarterSummary query, CancellationToken cancellationToken)
    {
        var quarter = query.Quarter;
        var (from, to) = (quarter.FirstDay, quarter.LastDay);
        var involvements = Task.WhenAll(new[] { quarter, quarter.Previous, quarter.YearBefore }.Select(period => InvolvementAsync(period, cancellationToken)));
        var followers = advocacy.Send(new GetFollowerGrowth(from, to), cancellationToken).AsTask();
        var activities = advocacy.Send(new CountActivities(from, to), cancellationToken).AsTask();
        var rollupRead = ReadRollupAsync(quarter, cancellationToken);
        await Task.WhenAll(involvements, followers, activities, rollupRead);

        var (months, targets, top) = await rollupRead;
        var involvement = (await involvements)[0];
        var totals = MonthlyRollup.Totals(months.Where(month => month.Month >= from));
        var awareness = MonthlyRollup.Awareness(totals);
        return new QuarterSummary(quarter, awareness, totals, await activities, involvement,
            [.. (await followers).Select(growth => new FollowerGrowth(growth.AdvocateId, growth.AdvocateName, growth.Followers, growth.Growth))],
            new KpiDelta(AwarenessIn(months, quarter.Previous), AwarenessIn(months, quarter.YearBefore), awareness),
            new KpiDelta((await involvements)[1].Total, (await involvements)[2].Total, involvement.Total),
            TargetStore.Against(targets, KpiName.Awareness, null, awareness),
            TargetStore.Against(targets, KpiName.Involvement, null, involvement.Total),
            MonthlyRollup.Awareness(months, from, to),
            top);
    }

    /// <summary>The months from the year before to the quarter's end in one pass over the rollup's month index; the targets; the top activities.</summary>
    private async Task<(IReadOnlyList<MonthTotal> Months, IReadOnlyList<TargetRecord> Targets, IReadOnlyList<ActivityAwareness> Top)> ReadRollupAsync(
        Quarter quarter, CancellationToken cancellationToken)
    {
        var months = await rollup.MetricMonthsAsync(quarter.YearBefore.FirstDay, quarter.LastDay, cancellationToken);
        var targets = await TargetStore.ListAsync(session, quarter, cancellationToken);
        return (months, targets, await TopActivitiesAsync(quarter, cancellationToken));
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
        var counts = await advocacy.Send(new CountInvolvement(quarter.FirstDay, quarter.LastDay), cancellationToken);
        return new Involvement(counts.CommunityContributions, counts.InvitationsReceived, counts.OpenSourceContributions);
    }
}
