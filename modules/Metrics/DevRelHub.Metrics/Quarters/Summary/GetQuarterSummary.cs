using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Metrics.Targets;
using Mediator;

namespace DevRelHub.Metrics.Quarters.Summary;

/// <summary>
/// The quarter's figures: the rollup's months from the year before to the quarter's end, the activities' awareness and
/// the targets in one command (<see cref="MonthlyRollup.QuarterFiguresAsync"/>), the top activities, and Advocacy's
/// counts (involvement in three quarters, follower growth, activities logged) in one command of its own. On PostgreSQL
/// the counts are asked for in a scope of their own while this session reads the rest: its commands share the pool's
/// connections (multiplexing). On SQLite a scope of its own opens a connection (and sets its pragmas): asked for at
/// once they slowed the whole mix (4,218 → 3,565 requests/s), so there they are read after the rest in this session.
/// </summary>
internal sealed class GetQuarterSummaryHandler(MonthlyRollup rollup, ISender sender, ScopedSender scoped, ISqlDialect dialect)
    : IQueryHandler<GetQuarterSummary, QuarterSummary>
{
    private const int Top = 10;

    public async ValueTask<QuarterSummary> Handle(GetQuarterSummary query, CancellationToken cancellationToken)
    {
        var quarter = query.Quarter;
        var (from, to) = (quarter.FirstDay, quarter.LastDay);
        var ask = new GetQuarterCounts(Period(quarter), [Period(quarter), Period(quarter.Previous), Period(quarter.YearBefore)]);
        var countsAtOnce = dialect.Provider == DatabaseProvider.Sqlite ? null : scoped.Send(ask, cancellationToken).AsTask();
        var (months, subjects, targets) = await rollup.QuarterFiguresAsync(quarter, cancellationToken);
        var top = await TopActivitiesAsync(subjects, cancellationToken);
        var counts = countsAtOnce is null ? await sender.Send(ask, cancellationToken) : await countsAtOnce;
        var (involvement, previous, yearBefore) = (Involvement(counts.Involvement[0]), Involvement(counts.Involvement[1]), Involvement(counts.Involvement[2]));

        var totals = MonthlyRollup.Totals(months.Where(month => month.Month >= from));
        var awareness = MonthlyRollup.Awareness(totals);
        return new QuarterSummary(quarter, awareness, totals, counts.Activities, involvement,
            [.. counts.Followers.Select(growth => new FollowerGrowth(growth.AdvocateId, growth.AdvocateName, growth.Followers, growth.Growth))],
            new KpiDelta(AwarenessIn(months, quarter.Previous), AwarenessIn(months, quarter.YearBefore), awareness),
            new KpiDelta(previous.Total, yearBefore.Total, involvement.Total),
            TargetStore.Against(targets, KpiName.Awareness, null, awareness),
            TargetStore.Against(targets, KpiName.Involvement, null, involvement.Total),
            MonthlyRollup.Awareness(months, from, to),
            top);
    }

    private static DatePeriod Period(Quarter quarter) => new(quarter.FirstDay, quarter.LastDay);

    private static Involvement Involvement(InvolvementCounts counts) => new(counts.CommunityContributions, counts.InvitationsReceived, counts.OpenSourceContributions);

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
