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
/// handful of statements record corrections of values sent before, update them, insert the new ones, and recompute
/// the monthly rollup of exactly the series (subject, metric, source) the batch changed, from its earliest changed
/// month on. Runs inside the command's transaction, so a batch is stored whole or not at all.
/// </summary>
internal sealed class ObservationWriter(DbSession session, ISender sender, TimeProvider clock)
{
    private static readonly string[] StageColumns =
        ["batch_id", "source", "external_id", "observed_on", "subject_kind", "subject_id", "metric", "value", "cumulative", "month"];

    private const string Key = "o.source = s.source AND o.external_id = s.external_id AND o.observed_on = s.observed_on";

    private const string ChangedSeries = $"""
        INSERT INTO metrics_rollup_stage (batch_id, subject_id, metric, source, first_month)
        SELECT @Batch, subject_id, metric, source, MIN(month) FROM (
            SELECT s.subject_id, s.metric, s.source, s.month FROM metrics_observation_stage s
            WHERE s.batch_id = @Batch AND NOT EXISTS (SELECT 1 FROM metrics_observation o WHERE {Key} AND o.value = s.value)
            UNION ALL
            SELECT o.subject_id, o.metric, o.source, o.month FROM metrics_observation_stage s
            JOIN metrics_observation o ON {Key}
            WHERE s.batch_id = @Batch AND o.value <> s.value) changed
        GROUP BY subject_id, metric, source
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

    // A month's amount: the day-by-day numbers summed, plus for running totals the last total of the month less the last one before it.
    private const string Series = "subject_id = g.subject_id AND {0}.metric = g.metric AND {0}.source = g.source AND {0}.cumulative = @True";

    private static readonly string ComputeRollup = $"""
        INSERT INTO metrics_rollup_result (batch_id, subject_id, metric, source, month, subject_kind, amount)
        SELECT @Batch, g.subject_id, g.metric, g.source, g.month, g.subject_kind,
               g.increments + CASE WHEN g.last_day IS NULL THEN 0 ELSE
                   (SELECT MAX(c.value) FROM metrics_observation c WHERE c.{string.Format(Series, "c")} AND c.observed_on = g.last_day)
                   - COALESCE((SELECT MAX(p.value) FROM metrics_observation p WHERE p.{string.Format(Series, "p")} AND p.observed_on =
                         (SELECT MAX(q.observed_on) FROM metrics_observation q WHERE q.{string.Format(Series, "q")} AND q.observed_on < g.month)), 0)
               END
        FROM (
            SELECT o.subject_id, o.metric, o.source, o.month, MIN(o.subject_kind) AS subject_kind,
                   SUM(CASE WHEN o.cumulative = @True THEN 0 ELSE o.value END) AS increments,
                   MAX(CASE WHEN o.cumulative = @True THEN o.observed_on END) AS last_day
            FROM metrics_rollup_stage a
            JOIN metrics_observation o ON o.subject_id = a.subject_id AND o.metric = a.metric AND o.source = a.source AND o.observed_on >= a.first_month
            WHERE a.batch_id = @Batch
            GROUP BY o.subject_id, o.metric, o.source, o.month) g
        """;

    private const string UpdateRollup = """
        UPDATE metrics_monthly SET amount = r.amount
        FROM metrics_rollup_result r
        WHERE r.batch_id = @Batch AND metrics_monthly.subject_id = r.subject_id AND metrics_monthly.metric = r.metric
          AND metrics_monthly.source = r.source AND metrics_monthly.month = r.month AND metrics_monthly.amount <> r.amount
        """;

    private const string InsertRollup = """
        INSERT INTO metrics_monthly (subject_id, metric, source, month, subject_kind, amount)
        SELECT r.subject_id, r.metric, r.source, r.month, r.subject_kind, r.amount FROM metrics_rollup_result r
        WHERE r.batch_id = @Batch AND NOT EXISTS (SELECT 1 FROM metrics_monthly m
            WHERE m.subject_id = r.subject_id AND m.metric = r.metric AND m.source = r.source AND m.month = r.month)
        """;

    private static readonly string[] Cleanup =
    [
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
    public async Task<ObservationBatchResult> WriteAsync(IReadOnlyList<ObservationInput> inputs, string origin, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var batch = Guid.CreateVersion7(now);
        await session.BulkInsertAsync("metrics_observation_stage", StageColumns, StageRows(inputs, batch), cancellationToken);
        var db = await session.ConnectionAsync(cancellationToken);
        var parameters = new { Batch = batch, Now = now, Origin = origin, True = true };
        Task<int> Run(string sql) => db.ExecuteAsync(session.Command(sql, parameters, cancellationToken));

        await Run(ChangedSeries);
        await Run(RecordCorrections);
        var updated = await Run(Correct);
        var inserted = await Run(InsertNew);
        await Run(ComputeRollup);
        await Run(UpdateRollup);
        await Run(InsertRollup);
        foreach (var sql in Cleanup)
        {
            await Run(sql);
        }
        return new ObservationBatchResult(inputs.Count, inserted, updated, inputs.Count - inserted - updated);
    }

    private static IEnumerable<object?[]> StageRows(IReadOnlyList<ObservationInput> inputs, Guid batch) =>
        inputs.Select(input => new object?[]
        {
            batch, input.SourceOrDefault, input.ExternalIdOrDefault, input.ObservedOn, input.SubjectKind.ToString(), input.SubjectId,
            input.Metric.ToString(), input.Value, input.Cumulative, new DateOnly(input.ObservedOn.Year, input.ObservedOn.Month, 1),
        });
}
