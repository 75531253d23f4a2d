using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using Mediator;

namespace DevRelHub.Metrics.Observations;

/// <summary>What makes one observation acceptable, checked by hand: a batch of 10,000 cannot afford a rule engine per field.</summary>
internal static class ObservationRules
{
    public static IEnumerable<(string Field, string Reason)> Check(ObservationInput input, DateOnly today)
    {
        if (input.SubjectId == Guid.Empty)
        {
            yield return (nameof(input.SubjectId), "The subject's id is missing.");
        }
        if (!Enum.IsDefined(input.SubjectKind))
        {
            yield return (nameof(input.SubjectKind), $"The subject is one of {string.Join(", ", Enum.GetNames<SubjectKind>())}.");
        }
        if (!Enum.IsDefined(input.Metric))
        {
            yield return (nameof(input.Metric), $"The metric is one of {string.Join(", ", Enum.GetNames<MetricKind>())}.");
        }
        if (input.Value < 0)
        {
            yield return (nameof(input.Value), "A value is zero or more.");
        }
        if (input.ObservedOn > today)
        {
            yield return (nameof(input.ObservedOn), $"{input.ObservedOn:yyyy-MM-dd} is in the future; a number is observed on or before today ({today:yyyy-MM-dd}).");
        }
        else if (input.ObservedOn.Year < 2000)
        {
            yield return (nameof(input.ObservedOn), "The date is before 2000.");
        }
        if (input.SourceOrDefault.Length > ObservationInput.MaxSourceLength)
        {
            yield return (nameof(input.Source), $"A source has at most {ObservationInput.MaxSourceLength} characters.");
        }
        if (input.ExternalIdOrDefault.Length > ObservationInput.MaxExternalIdLength)
        {
            yield return (nameof(input.ExternalId), $"An external id has at most {ObservationInput.MaxExternalIdLength} characters.");
        }
    }

    /// <summary>Each observation that repeats the key (source, external id, day) of an earlier one in the same batch, with the earlier one's index.</summary>
    public static IEnumerable<(int Index, int Earlier)> Repeats(IReadOnlyList<ObservationInput> inputs)
    {
        var first = new Dictionary<(string, string, DateOnly), int>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (!first.TryAdd((input.SourceOrDefault, input.ExternalIdOrDefault, input.ObservedOn), i))
            {
                yield return (i, first[(input.SourceOrDefault, input.ExternalIdOrDefault, input.ObservedOn)]);
            }
        }
    }

    public static RecordKind RecordKindOf(SubjectKind kind) => kind switch
    {
        SubjectKind.Contribution => RecordKind.Contribution,
        SubjectKind.Account => RecordKind.Advocate,
        _ => RecordKind.Activity,
    };

    public static string Describe(SubjectKind kind) => kind switch
    {
        SubjectKind.Contribution => "community contribution",
        SubjectKind.Account => "advocate",
        _ => "activity",
    };
}

/// <summary>
/// Stores observations set-based, whatever their number: the batch goes into a stage table in one bulk write, then a
/// handful of statements record corrections of values sent before, update them, insert the new ones, and bring the
/// monthly rollup up to date by what the batch changed — never by reading a series' history again. Day-by-day numbers
/// move their month's increments by the difference they make; for running totals, each month whose total changed (and
/// the next month with a total, whose baseline it is) gets its last total less the one before, read over the series
/// index. Runs inside the caller's transaction, so a batch is stored whole or not at all.
/// </summary>
internal sealed class ObservationWriter(DbSession session, ISqlDialect dialect, ISender sender, TimeProvider clock)
{
    private static readonly string[] StageColumns =
        ["batch_id", "part", "source", "external_id", "observed_on", "subject_kind", "subject_id", "metric", "value", "cumulative", "month"];

    private const string Key = "o.source = s.source AND o.external_id = s.external_id AND o.observed_on = s.observed_on";

    // An observation's running-total flag is the one it was first stored with.
    private const string Changed = $"""
        FROM metrics_observation_stage s LEFT JOIN metrics_observation o ON {Key}
        WHERE s.batch_id = @Batch AND (o.value IS NULL OR o.value <> s.value) AND COALESCE(o.cumulative, s.cumulative) = @Cumulative
        """;

    private const string IncrementDeltas = $"""
        INSERT INTO metrics_rollup_result (batch_id, part, subject_id, metric, source, month, subject_kind, amount)
        SELECT @Batch, 'increments', s.subject_id, s.metric, s.source, s.month, MIN(s.subject_kind), SUM(s.value - COALESCE(o.value, 0))
        {Changed}
        GROUP BY s.subject_id, s.metric, s.source, s.month
        """;

    private const string RunningMonths = $"""
        INSERT INTO metrics_rollup_stage (batch_id, subject_id, metric, source, month, subject_kind)
        SELECT DISTINCT @Batch, s.subject_id, s.metric, s.source, s.month, s.subject_kind
        {Changed}
        """;

    // What each of several batches written together will do, read before anything changes.
    private const string ClassifyParts = $"""
        SELECT s.part AS Part, SUM(CASE WHEN o.value IS NULL THEN 1 ELSE 0 END) AS Inserted, SUM(CASE WHEN o.value <> s.value THEN 1 ELSE 0 END) AS Updated
        FROM metrics_observation_stage s LEFT JOIN metrics_observation o ON {Key}
        WHERE s.batch_id = @Batch
        GROUP BY s.part
        """;

    private const string RecordCorrections = $"""
        INSERT INTO metrics_observation_correction (source, external_id, observed_on, corrected_at, previous_value, value, origin)
        SELECT o.source, o.external_id, o.observed_on, @Now, o.value, s.value, @Origin FROM metrics_observation_stage s
        JOIN metrics_observation o ON {Key}
        WHERE s.batch_id = @Batch AND o.value <> s.value
        """;

    private const string Correct = """
        UPDATE metrics_observation SET value = s.value, corrected_at = @Now
        FROM metrics_observation_stage s
        WHERE s.batch_id = @Batch AND metrics_observation.source = s.source AND metrics_observation.external_id = s.external_id
          AND metrics_observation.observed_on = s.observed_on AND metrics_observation.value <> s.value
        """;

    private const string InsertNew = $"""
        INSERT INTO metrics_observation (source, external_id, observed_on, subject_kind, subject_id, metric, value, cumulative, month, recorded_at)
        SELECT s.source, s.external_id, s.observed_on, s.subject_kind, s.subject_id, s.metric, s.value, s.cumulative, s.month, @Now
        FROM metrics_observation_stage s
        WHERE s.batch_id = @Batch AND NOT EXISTS (SELECT 1 FROM metrics_observation o WHERE {Key})
        """;

    private const string Series = "{0}.subject_id = a.subject_id AND {0}.metric = a.metric AND {0}.source = a.source AND {0}.cumulative = @Cumulative";

    private static readonly string FollowingMonths = $"""
        INSERT INTO metrics_rollup_stage (batch_id, subject_id, metric, source, month, subject_kind)
        SELECT DISTINCT @Batch, a.subject_id, a.metric, a.source, n.month, a.subject_kind
        FROM metrics_rollup_stage a
        JOIN metrics_month c ON c.month = a.month
        JOIN metrics_observation n ON {string.Format(Series, "n")}
            AND n.observed_on = (SELECT MIN(f.observed_on) FROM metrics_observation f WHERE {string.Format(Series, "f")} AND f.observed_on >= c.next_month)
        WHERE a.batch_id = @Batch AND NOT EXISTS (SELECT 1 FROM metrics_rollup_stage b
            WHERE b.batch_id = @Batch AND b.subject_id = a.subject_id AND b.metric = a.metric AND b.source = a.source AND b.month = n.month)
        """;

    private static readonly string RunningTotals = $"""
        INSERT INTO metrics_rollup_result (batch_id, part, subject_id, metric, source, month, subject_kind, amount)
        SELECT @Batch, 'running', a.subject_id, a.metric, a.source, a.month, a.subject_kind,
            COALESCE((SELECT MAX(o.value) FROM metrics_observation o WHERE {string.Format(Series, "o")} AND o.observed_on =
                (SELECT MAX(l.observed_on) FROM metrics_observation l WHERE {string.Format(Series, "l")} AND l.observed_on >= a.month AND l.observed_on < c.next_month)), 0)
            - COALESCE((SELECT MAX(p.value) FROM metrics_observation p WHERE {string.Format(Series, "p")} AND p.observed_on =
                (SELECT MAX(q.observed_on) FROM metrics_observation q WHERE {string.Format(Series, "q")} AND q.observed_on < a.month)), 0)
        FROM metrics_rollup_stage a JOIN metrics_month c ON c.month = a.month
        WHERE a.batch_id = @Batch
        """;

    private const string Matches = """
        r.batch_id = @Batch AND metrics_monthly.subject_id = r.subject_id AND metrics_monthly.metric = r.metric
          AND metrics_monthly.source = r.source AND metrics_monthly.month = r.month
        """;

    private static readonly string[] ApplyAndClear =
    [
        // What each change does to the team's monthly totals, read before the rollup rows change.
        """
        INSERT INTO metrics_rollup_result (batch_id, part, subject_id, metric, source, month, subject_kind, amount)
        SELECT @Batch, 'total', r.subject_id, r.metric, r.source, r.month, r.subject_kind,
               CASE WHEN r.part = 'increments' THEN r.amount ELSE r.amount - COALESCE(m.running, 0) END
        FROM metrics_rollup_result r
        LEFT JOIN metrics_monthly m ON m.subject_id = r.subject_id AND m.metric = r.metric AND m.source = r.source AND m.month = r.month
        WHERE r.batch_id = @Batch AND r.part <> 'total'
        """,
        """
        UPDATE metrics_monthly_total SET total = total + d.change
        FROM (SELECT month, subject_kind, metric, SUM(amount) AS change FROM metrics_rollup_result
              WHERE batch_id = @Batch AND part = 'total' GROUP BY month, subject_kind, metric) d
        WHERE metrics_monthly_total.month = d.month AND metrics_monthly_total.subject_kind = d.subject_kind AND metrics_monthly_total.metric = d.metric
        """,
        """
        INSERT INTO metrics_monthly_total (month, subject_kind, metric, total)
        SELECT r.month, r.subject_kind, r.metric, SUM(r.amount) FROM metrics_rollup_result r
        WHERE r.batch_id = @Batch AND r.part = 'total' AND NOT EXISTS (SELECT 1 FROM metrics_monthly_total t
            WHERE t.month = r.month AND t.subject_kind = r.subject_kind AND t.metric = r.metric)
        GROUP BY r.month, r.subject_kind, r.metric
        """,
        $"UPDATE metrics_monthly SET increments = increments + r.amount FROM metrics_rollup_result r WHERE {Matches} AND r.part = 'increments'",
        $"UPDATE metrics_monthly SET running = r.amount FROM metrics_rollup_result r WHERE {Matches} AND r.part = 'running'",
        """
        INSERT INTO metrics_monthly (subject_id, metric, source, month, subject_kind, increments, running)
        SELECT r.subject_id, r.metric, r.source, r.month, MIN(r.subject_kind),
               SUM(CASE WHEN r.part = 'increments' THEN r.amount ELSE 0 END), SUM(CASE WHEN r.part = 'running' THEN r.amount ELSE 0 END)
        FROM metrics_rollup_result r
        WHERE r.batch_id = @Batch AND NOT EXISTS (SELECT 1 FROM metrics_monthly m
            WHERE m.subject_id = r.subject_id AND m.metric = r.metric AND m.source = r.source AND m.month = r.month)
        GROUP BY r.subject_id, r.metric, r.source, r.month
        """,
        "DELETE FROM metrics_observation_stage WHERE batch_id = @Batch",
        "DELETE FROM metrics_rollup_stage WHERE batch_id = @Batch",
        "DELETE FROM metrics_rollup_result WHERE batch_id = @Batch",
    ];

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The indexes of the observations whose subject does not exist as the kind they name.</summary>
    public async Task<IReadOnlyList<int>> UnknownSubjectsAsync(IReadOnlyList<ObservationInput> inputs, CancellationToken cancellationToken)
    {
        var found = await sender.Send(new FindRecords([.. inputs.Select(input => input.SubjectId).Distinct()]), cancellationToken);
        return
        [
            .. Enumerable.Range(0, inputs.Count).Where(i =>
                !found.TryGetValue(inputs[i].SubjectId, out var kind) || kind != ObservationRules.RecordKindOf(inputs[i].SubjectKind)),
        ];
    }

    /// <summary>Stores checked observations inside the caller's transaction.</summary>
    public async Task<ObservationBatchResult> WriteAsync(IReadOnlyList<ObservationInput> inputs, string origin, CancellationToken cancellationToken) =>
        (await WriteAsync([inputs], origin, cancellationToken))[0];

    /// <summary>
    /// Stores several checked batches as one, inside the caller's transaction, and answers what became of each. No
    /// two of them may hold the same key (source, external id, day): one write cannot apply both in order.
    /// </summary>
    public async Task<IReadOnlyList<ObservationBatchResult>> WriteAsync(IReadOnlyList<IReadOnlyList<ObservationInput>> parts, string origin, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var batch = Guid.CreateVersion7(now);
        // Two batches classifying the same key as new at once would both insert it; and both move the same monthly
        // totals. Batches take turns (found by the load harness: duplicate keys and 500s on PostgreSQL).
        if (dialect.ExclusiveLock is { Length: > 0 } exclusive)
        {
            await (await session.ConnectionAsync(cancellationToken)).ExecuteAsync(session.Command(exclusive, new { Resource = "metrics_observation" }, cancellationToken));
        }
        await session.BulkInsertAsync("metrics_observation_stage", StageColumns, parts.SelectMany((inputs, part) => StageRows(inputs, batch, part)), cancellationToken);
        var db = await session.ConnectionAsync(cancellationToken);
        Task<int> Run(string sql, bool cumulative = false) =>
            db.ExecuteAsync(session.Command(sql, new { Batch = batch, Now = now, Origin = origin, Cumulative = cumulative }, cancellationToken));

        var counts = parts.Count == 1 ? null
            : (await db.QueryAsync<PartCount>(session.Command(ClassifyParts, new { Batch = batch }, cancellationToken))).ToDictionary(count => count.Part);
        await Run(IncrementDeltas, cumulative: false);
        await Run(RunningMonths, cumulative: true);
        await Run(RecordCorrections);
        var updated = await Run(Correct);
        var inserted = await Run(InsertNew);
        await Run(FollowingMonths, cumulative: true);
        await Run(RunningTotals, cumulative: true);
        foreach (var sql in ApplyAndClear)
        {
            await Run(sql);
        }
        if (counts is null)
        {
            return [new ObservationBatchResult(parts[0].Count, inserted, updated, parts[0].Count - inserted - updated)];
        }
        return
        [
            .. parts.Select((inputs, part) => (Inputs: inputs, Count: counts[part])).Select(part =>
                new ObservationBatchResult(part.Inputs.Count, (int)part.Count.Inserted, (int)part.Count.Updated, part.Inputs.Count - (int)part.Count.Inserted - (int)part.Count.Updated)),
        ];
    }

    private sealed class PartCount
    {
        public long Part { get; init; }

        public long Inserted { get; init; }

        public long Updated { get; init; }
    }

    private static IEnumerable<object?[]> StageRows(IReadOnlyList<ObservationInput> inputs, Guid batch, int part) =>
        inputs.Select(input => new object?[]
        {
            batch, part, input.SourceOrDefault, input.ExternalIdOrDefault, input.ObservedOn, input.SubjectKind.ToString(), input.SubjectId,
            input.Metric.ToString(), input.Value, input.Cumulative, new DateOnly(input.ObservedOn.Year, input.ObservedOn.Month, 1),
        });
}
