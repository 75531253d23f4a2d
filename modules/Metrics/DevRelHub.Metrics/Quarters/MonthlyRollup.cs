using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Metrics.Targets;
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

    private static readonly string ByMonthAndMetric = ByMonthAndMetricSince("From");

    private static string ByMonthAndMetricSince(string from) => $"""
        SELECT month AS Month, metric AS Metric, total AS Total FROM metrics_monthly_total
        WHERE month >= @{from} AND month <= @To AND subject_kind = '{Activity}'
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
        MonthTotals(await QueryAsync<MetricRow>(ByMonthAndMetric, from, to, cancellationToken));

    /// <summary>
    /// What the quarter summary reads of the rollups, in one command: every metric's months from the year before to the
    /// quarter's end, each activity's awareness in the quarter per source, and the quarter's targets. As three commands
    /// one after another they were half the summary's round trips.
    /// </summary>
    public async Task<QuarterFigures> QuarterFiguresAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        var parameters = Parameters(quarter.FirstDay, quarter.LastDay);
        parameters.Add("MonthsFrom", quarter.YearBefore.FirstDay);
        parameters.Add("Quarter", quarter.ToString());
        await using var results = await db.QueryMultipleAsync(session.Command(
            $"{ByMonthAndMetricSince("MonthsFrom")};\n{BySubjectAndSource};\n{TargetStore.OfQuarter}", parameters, cancellationToken));
        var months = MonthTotals(await results.ReadAsync<MetricRow>());
        var subjects = SubjectTotals(await results.ReadAsync<SubjectRow>());
        return new QuarterFigures(months, subjects, await TargetStore.ReadAsync(results));
    }

    private static IReadOnlyList<MonthTotal> MonthTotals(IEnumerable<MetricRow> rows) =>
        [.. rows.Select(row => new MonthTotal(row.Month, Enum.Parse<MetricKind>(row.Metric), row.Total))];

    private static IReadOnlyList<SubjectAwareness> SubjectTotals(IEnumerable<SubjectRow> rows) =>
        [.. rows.Select(row => new SubjectAwareness(row.SubjectId, row.Source, row.Total))];

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
        SubjectTotals(await QueryAsync<SubjectRow>(BySubjectAndSource, quarter.FirstDay, quarter.LastDay, cancellationToken));

    /// <summary>What Advocacy knows of each activity, by id.</summary>
    public async Task<IReadOnlyDictionary<Guid, ActivityFacts>> FactsAsync(IEnumerable<Guid> activityIds, CancellationToken cancellationToken) =>
        (await sender.Send(new DescribeActivities([.. activityIds.Distinct()]), cancellationToken)).ToDictionary(facts => facts.Id);

    public static ActivityAwareness Describe(ActivityFacts facts, long awareness) =>
        new(facts.Id, facts.Title, facts.Kind.ToString(), facts.AdvocateId, facts.AdvocateName, facts.OccurredOn, awareness);

    private async Task<IEnumerable<T>> QueryAsync<T>(string sql, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        return await db.QueryAsync<T>(session.Command(sql, Parameters(from, to), cancellationToken));
    }

    private static DynamicParameters Parameters(DateOnly from, DateOnly to)
    {
        var parameters = new DynamicParameters(new { From = new DateOnly(from.Year, from.Month, 1), To = to });
        for (var i = 0; i < Kpi.EyeballMetrics.Count; i++)
        {
            parameters.Add($"Eyeball{i}", Kpi.EyeballMetrics[i].ToString());
        }
        return parameters;
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

internal sealed record QuarterFigures(IReadOnlyList<MonthTotal> Months, IReadOnlyList<SubjectAwareness> Subjects, IReadOnlyList<TargetRecord> Targets);

internal sealed record MonthTotal(DateOnly Month, MetricKind Metric, long Total);
