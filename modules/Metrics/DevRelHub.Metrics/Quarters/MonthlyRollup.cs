using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using Mediator;

namespace DevRelHub.Metrics.Quarters;

/// <summary>
/// Reads quarter figures from the rollups every write keeps current: team figures from <c>metrics_monthly_total</c> (a row
/// per month and metric), per-activity figures from <c>metrics_monthly</c> over its month index (a row per subject, metric,
/// source and month) — never from the observations.
/// </summary>
internal sealed class MonthlyRollup(DbSession session, ISender sender)
{
    private const string Activity = nameof(SubjectKind.Activity);

    private const string ByMonthAndMetric = $"""
        SELECT month AS Month, metric AS Metric, total AS Total FROM metrics_monthly_total
        WHERE month >= @From AND month <= @To AND subject_kind = '{Activity}'
        """;

    // One parameter per eyeball metric: Dapper hands a list to Npgsql as an array, which IN cannot take.
    private static readonly string EyeballList = $"({string.Join(", ", Kpi.EyeballMetrics.Select((_, i) => $"@Eyeball{i}"))})";

    private static readonly string BySubjectAndSource = $"""
        SELECT subject_id AS SubjectId, source AS Source, SUM(increments + running) AS Total FROM metrics_monthly
        WHERE month >= @From AND month <= @To AND subject_kind = '{Activity}' AND metric IN {EyeballList}
        GROUP BY subject_id, source
        """;

    /// <summary>Every metric's total of activities in each month from <paramref name="from"/> to <paramref name="to"/>, in one pass over the month index.</summary>
    public async Task<IReadOnlyList<MonthTotal>> MetricMonthsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<MetricRow>(ByMonthAndMetric, from, to, cancellationToken)).Select(row => new MonthTotal(row.Month, Enum.Parse<MetricKind>(row.Metric), row.Total))];

    public static IReadOnlyList<MetricTotal> Totals(IEnumerable<MonthTotal> months) =>
        [.. months.GroupBy(month => month.Metric, (metric, totals) => new MetricTotal(metric, totals.Sum(total => total.Total))).OrderBy(total => total.Metric)];

    public static long Awareness(IEnumerable<MetricTotal> totals) => totals.Where(total => Kpi.EyeballMetrics.Contains(total.Metric)).Sum(total => total.Total);

    /// <summary>Awareness in each month from <paramref name="from"/> to <paramref name="to"/>, months without any included as zero.</summary>
    public static IReadOnlyList<MonthAwareness> Awareness(IEnumerable<MonthTotal> totals, DateOnly from, DateOnly to)
    {
        var byMonth = totals.Where(total => Kpi.EyeballMetrics.Contains(total.Metric))
            .GroupBy(total => total.Month).ToDictionary(month => month.Key, month => month.Sum(total => total.Total));
        var months = new List<MonthAwareness>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            months.Add(new MonthAwareness(month, byMonth.GetValueOrDefault(month)));
        }
        return months;
    }

    /// <summary>The awareness each activity generated in the quarter, per source that reported it.</summary>
    public async Task<IReadOnlyList<SubjectAwareness>> BySubjectAsync(Quarter quarter, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<SubjectRow>(BySubjectAndSource, quarter.FirstDay, quarter.LastDay, cancellationToken))
            .Select(row => new SubjectAwareness(row.SubjectId, row.Source, row.Total))];

    /// <summary>What Advocacy knows of each activity, by id.</summary>
    public async Task<IReadOnlyDictionary<Guid, ActivityFacts>> FactsAsync(IEnumerable<Guid> activityIds, CancellationToken cancellationToken) =>
        (await sender.Send(new DescribeActivities([.. activityIds.Distinct()]), cancellationToken)).ToDictionary(facts => facts.Id);

    public static ActivityAwareness Describe(ActivityFacts facts, long awareness) =>
        new(facts.Id, facts.Title, facts.Kind.ToString(), facts.AdvocateId, facts.AdvocateName, facts.OccurredOn, awareness);

    private async Task<IEnumerable<T>> QueryAsync<T>(string sql, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        var parameters = new DynamicParameters(new { From = new DateOnly(from.Year, from.Month, 1), To = to });
        for (var i = 0; i < Kpi.EyeballMetrics.Count; i++)
        {
            parameters.Add($"Eyeball{i}", Kpi.EyeballMetrics[i].ToString());
        }
        return await db.QueryAsync<T>(session.Command(sql, parameters, cancellationToken));
    }

    // Settable properties, not constructors: SQLite types an aggregate column only once it has a row.
    private sealed class MetricRow
    {
        public DateOnly Month { get; init; }

        public string Metric { get; init; } = "";

        public long Total { get; init; }
    }

    private sealed class SubjectRow
    {
        public Guid SubjectId { get; init; }

        public string Source { get; init; } = "";

        public long Total { get; init; }
    }
}

internal sealed record SubjectAwareness(Guid ActivityId, string Source, long Awareness);

internal sealed record MonthTotal(DateOnly Month, MetricKind Metric, long Total);
