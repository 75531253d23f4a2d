using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Metrics.Targets;
using Mediator;

namespace DevRelHub.Metrics.Quarters.Summary;

/// <summary>
/// The quarter's figures: the rollup's months from the year before to the quarter's end, the activities' awareness and
/// the targets in one command (<see cref="MonthlyRollup.QuarterFiguresAsync"/>), the top activities, and Advocacy's
/// counts (involvement in three quarters, follower growth, activities logged). On PostgreSQL the counts are asked for
/// at once, each in a scope of its own, while this session reads the rest: its commands share the pool's connections
/// (multiplexing), and as eleven queries one after another the summary was the slowest read of the load harness (p95
/// 55.7 ms, 37–44 at once). On SQLite a scope of its own opens a connection (and sets its pragmas) for each count: asked
/// for at once they slowed the whole mix (4,218 → 3,565 requests/s), so there they run one after another in this
/// session.
/// </summary>
internal sealed class GetQuarterSummaryHandler(MonthlyRollup rollup, ISender sender, ScopedSender scoped, ISqlDialect dialect)
    : IQueryHandler<GetQuarterSummary, QuarterSummary>
{
    private const int Top = 10;

    public async ValueTask<QuarterSummary> Handle(GetQuarterSummary query, CancellationToken cancellationToken)
    {
        var quarter = query.Quarter;
        var (from, to) = (quarter.FirstDay, quarter.LastDay);
        var countsAtOnce = dialect.Provider == DatabaseProvider.Sqlite ? null : CountsAtOnceAsync(quarter, cancellationToken);
        var (months, subjects, targets) = await rollup.QuarterFiguresAsync(quarter, cancellationToken);
        var top = await TopActivitiesAsync(subjects, cancellationToken);
        var (involvement, previous, yearBefore, followers, activities) = countsAtOnce is null ? await CountsAsync(quarter, cancellationToken) : await countsAtOnce;

        var totals = MonthlyRollup.Totals(months.Where(month => month.Month >= from));
        var awareness = MonthlyRollup.Awareness(totals);
        return new QuarterSummary(quarter, awareness, totals, activities, involvement,
            [.. followers.Select(growth => new FollowerGrowth(growth.AdvocateId, growth.AdvocateName, growth.Followers, growth.Growth))],
            new KpiDelta(AwarenessIn(months, quarter.Previous), AwarenessIn(months, quarter.YearBefore), awareness),
            new KpiDelta(previous.Total, yearBefore.Total, involvement.Total),
            TargetStore.Against(targets, KpiName.Awareness, null, awareness),
            TargetStore.Against(targets, KpiName.Involvement, null, involvement.Total),
            MonthlyRollup.Awareness(months, from, to),
            top);
    }

    private async Task<AdvocacyCounts> CountsAtOnceAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var involvements = new[] { quarter, quarter.Previous, quarter.YearBefore }
            .Select(period => scoped.Send(new CountInvolvement(period.FirstDay, period.LastDay), cancellationToken).AsTask()).ToArray();
        var followers = scoped.Send(new GetFollowerGrowth(quarter.FirstDay, quarter.LastDay), cancellationToken).AsTask();
        var activities = scoped.Send(new CountActivities(quarter.FirstDay, quarter.LastDay), cancellationToken).AsTask();
        await Task.WhenAll([.. involvements, followers, activities]);
        return new AdvocacyCounts(Involvement(await involvements[0]), Involvement(await involvements[1]), Involvement(await involvements[2]),
            await followers, await activities);
    }

    private async Task<AdvocacyCounts> CountsAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        async Task<Involvement> InvolvementAsync(Quarter period) =>
            Involvement(await sender.Send(new CountInvolvement(period.FirstDay, period.LastDay), cancellationToken));
        return new AdvocacyCounts(await InvolvementAsync(quarter), await InvolvementAsync(quarter.Previous), await InvolvementAsync(quarter.YearBefore),
            await sender.Send(new GetFollowerGrowth(quarter.FirstDay, quarter.LastDay), cancellationToken),
            await sender.Send(new CountActivities(quarter.FirstDay, quarter.LastDay), cancellationToken));
    }

    private static Involvement Involvement(InvolvementCounts counts) => new(counts.CommunityContributions, counts.InvitationsReceived, counts.OpenSourceContributions);

    private sealed record AdvocacyCounts(Involvement Quarter, Involvement Previous, Involvement YearBefore, IReadOnlyList<AdvocateFollowerGrowth> Followers, long Activities);

    private static long AwarenessIn(IEnumerable<MonthTotal> months, Quarter quarter) =>
        MonthlyRollup.Awareness(MonthlyRollup.Totals(months.Where(month => month.Month >= quarter.FirstDay && month.Month <= quarter.LastDay)));

    private async Task<IReadOnlyList<ActivityAwareness>> TopActivitiesAsync(IReadOnlyList<SubjectAwareness> subjects, CancellationToken cancellationToken)
    {
        var top = subjects
            .GroupBy(row => row.ActivityId, (id, rows) => (Id: id, Awareness: rows.Sum(row => row.Awareness)))
            .OrderByDescending(activity => activity.Awareness).ThenBy(activity => activity.Id)
            .Take(Top).ToList();
        var facts = await rollup.FactsAsync(top.Select(activity => activity.Id), cancellationToken);
        return [.. top.Where(activity => facts.ContainsKey(activity.Id)).Select(activity => MonthlyRollup.Describe(facts[activity.Id], activity.Awareness))];
    }
}
