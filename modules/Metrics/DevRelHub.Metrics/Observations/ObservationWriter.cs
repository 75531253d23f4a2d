using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using FluentValidation;
using FluentValidation.Results;
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

    /// <summary>
    /// Each observation whose (source, external id) names another subject or metric than an earlier one in the same
    /// batch does, with the earlier one's index: one external id is one series.
    /// </summary>
    public static IEnumerable<(int Index, int Earlier)> SeriesConflicts(IReadOnlyList<ObservationInput> inputs)
    {
        var first = new Dictionary<(string, string), int>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (!first.TryAdd((input.SourceOrDefault, input.ExternalIdOrDefault), i)
                && !SameSeries(inputs[first[(input.SourceOrDefault, input.ExternalIdOrDefault)]], input))
            {
                yield return (i, first[(input.SourceOrDefault, input.ExternalIdOrDefault)]);
            }
        }
    }

    /// <summary>Whether two observations with one (source, external id) count the same subject's same metric, as they must.</summary>
    public static bool SameSeries(ObservationInput first, ObservationInput other) => first.SubjectId == other.SubjectId && first.Metric == other.Metric;

    /// <summary>Why an observation cannot belong to the series its source and external id name: <paramref name="holder"/> holds it.</summary>
    public static string SeriesConflict(string holder, Guid subjectId, object metric) =>
        $"{holder} counts {metric} of {subjectId} under this source and external id; an external id names one subject's one metric.";

    public const string StoredSeries = "The stored series";

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
/// Stores observations whatever their number, inside the caller's transaction, so a batch is stored whole or not at
/// all. A batch's (source, external id) pairs are its series: sent as arrays on PostgreSQL (up to a thousand; staged
/// elsewhere, and beyond), the new ones inserted, and their ids read back with the values already stored for the
/// batch's keys (source, external id, day) — one command. Sent as arrays, they leave no rows to delete: a stage table
/// inserted into and cleared by every fold collected dead rows between autovacuum's visits. What each observation
/// does (new, a correction, unchanged) and what that does to the monthly rollup (a row per series and month) is then
/// worked out here, and written in bulk: new observations, corrections, the changed values, the months' increments.
/// Day-by-day numbers move their month's increments by the difference they make; for a running total, each month
/// whose total changed (and the next month with a total, whose baseline it is) gets its last total less the one before,
/// read over the observations' key — never by reading a series' history again.
/// </summary>
internal sealed class ObservationWriter(DbSession session, ISqlDialect dialect, ISender sender, TimeProvider clock)
{
    private static readonly string[] SeriesStageColumns = ["batch_id", "source", "external_id", "subject_kind", "subject_id", "metric", "cumulative"];

    private static readonly string[] ObservationColumns = ["series_id", "observed_on", "value", "recorded_at"];

    private static readonly string[] CorrectionColumns = ["series_id", "observed_on", "corrected_at", "previous_value", "value", "origin"];

    private static readonly string[] StageColumns = ["batch_id", "series_id", "observed_on", "value"];

    private static readonly string[] IncrementColumns = ["batch_id", "part", "series_id", "month", "amount"];

    private static readonly string[] MonthColumns = ["batch_id", "series_id", "month"];

    // The source's series named in the batch: from the list of its external ids (a table of texts) to the series' key.
    private readonly string seriesOfSource = $"""
        SELECT s.id AS Id, s.source AS Source, s.external_id AS ExternalId, s.subject_kind AS SubjectKind, s.subject_id AS SubjectId, s.metric AS Metric,
               s.cumulative AS Cumulative
        FROM {dialect.TextsTable("@ExternalIds", "named")} JOIN metrics_series s ON s.source = @Source AND s.external_id = named.value
        """;

    // The batch's series, from a table named t (StatementBatch.RowsAsync): the new ones inserted, then all read back.
    private static string InsertSeries(string named) => $"""
        INSERT INTO metrics_series (source, external_id, subject_kind, subject_id, metric, cumulative)
        SELECT t.source, t.external_id, t.subject_kind, t.subject_id, t.metric, t.cumulative FROM {named}
        WHERE NOT EXISTS (SELECT 1 FROM metrics_series s WHERE s.source = t.source AND s.external_id = t.external_id)
        """;

    private static string ResolveSeries(string named) => $"""
        SELECT s.id AS Id, s.source AS Source, s.external_id AS ExternalId, s.subject_kind AS SubjectKind, s.subject_id AS SubjectId, s.metric AS Metric,
               s.cumulative AS Cumulative
        FROM {named} JOIN metrics_series s ON s.source = t.source AND s.external_id = t.external_id
        """;

    private static string StoredValues(string named) => $"""
        SELECT o.series_id, o.observed_on, o.value
        FROM {named} JOIN metrics_series s ON s.source = t.source AND s.external_id = t.external_id
        JOIN metrics_observation o ON o.series_id = s.id AND o.observed_on >= @From AND o.observed_on <= @To
        """;

    // The values stored under the batch's own keys (series, day), looked up one by one, null where none is. As a join,
    // PostgreSQL's generic plan for the prepared statement looked the observations up by series alone and compared the
    // days afterwards (every stored day of the series read for each key: 3.4 against 0.8 ms for 110 keys, idle, and
    // 5.9 ms a fold under the load harness); a scalar subquery is always looked up by its whole key.
    private readonly string storedValuesOfKeys = $"""
        SELECT s.id, k.key_day,
            (SELECT o.value FROM metrics_observation o WHERE o.series_id = s.id AND o.observed_on = k.key_day)
        FROM {dialect.KeysByDayTable("@Keys", "k")}
        JOIN metrics_series s ON s.source = k.first_key AND s.external_id = k.second_key
        """;

    // Sets the corrected values, read from a table named s (StatementBatch.RowsAsync).
    private static string Correct(string corrected) => $"""
        UPDATE metrics_observation SET value = s.value, corrected_at = @Now
        FROM {corrected}
        WHERE metrics_observation.series_id = s.series_id AND metrics_observation.observed_on = s.observed_on
        """;

    // The month after each changed one that has a total: its rollup row, since observations are only ever removed with their series.
    private const string FollowingMonths = """
        INSERT INTO metrics_rollup_stage (batch_id, series_id, month)
        SELECT DISTINCT @Batch, a.series_id, n.month
        FROM metrics_rollup_stage a
        JOIN metrics_monthly n ON n.series_id = a.series_id
            AND n.month = (SELECT MIN(f.month) FROM metrics_monthly f WHERE f.series_id = a.series_id AND f.month > a.month)
        WHERE a.batch_id = @Batch AND NOT EXISTS (SELECT 1 FROM metrics_rollup_stage b
            WHERE b.batch_id = @Batch AND b.series_id = a.series_id AND b.month = n.month)
        """;

    private const string RunningTotals = """
        INSERT INTO metrics_rollup_result (batch_id, part, series_id, month, amount)
        SELECT @Batch, 'running', a.series_id, a.month,
            COALESCE((SELECT o.value FROM metrics_observation o WHERE o.series_id = a.series_id AND o.observed_on =
                (SELECT MAX(l.observed_on) FROM metrics_observation l WHERE l.series_id = a.series_id AND l.observed_on >= a.month AND l.observed_on < c.next_month)), 0)
            - COALESCE((SELECT p.value FROM metrics_observation p WHERE p.series_id = a.series_id AND p.observed_on =
                (SELECT MAX(q.observed_on) FROM metrics_observation q WHERE q.series_id = a.series_id AND q.observed_on < a.month)), 0)
        FROM metrics_rollup_stage a JOIN metrics_month c ON c.month = a.month
        WHERE a.batch_id = @Batch
        """;

    /// <summary>
    /// A batch's keys are looked up one by one when its observations are at most a quarter of the days between its first
    /// and last for all its series; more, and reading the range is cheaper (a re-imported file of 200,000 stored values:
    /// 0.92 s read by range, 1.37 s by key on SQLite). The load harness's folds, a hundred observations on random days of
    /// a quarter across a dozen series, read back ten times what they wrote by range.
    /// </summary>
    private const int SparseKeys = 4;

    private const string Matches = "r.batch_id = @Batch AND metrics_monthly.series_id = r.series_id AND metrics_monthly.month = r.month";

    // One command, one round trip.
    private static readonly string ApplyAndClear = string.Join(";\n",
    [
        // What each change does to the team's monthly totals, read before the rollup rows change.
        """
        INSERT INTO metrics_rollup_result (batch_id, part, series_id, month, amount)
        SELECT @Batch, 'total', r.series_id, r.month, CASE WHEN r.part = 'increments' THEN r.amount ELSE r.amount - COALESCE(m.running, 0) END
        FROM metrics_rollup_result r
        LEFT JOIN metrics_monthly m ON m.series_id = r.series_id AND m.month = r.month
        WHERE r.batch_id = @Batch AND r.part <> 'total'
        """,
        """
        UPDATE metrics_monthly_total SET total = total + d.change
        FROM (SELECT r.month, s.subject_kind, s.metric, SUM(r.amount) AS change FROM metrics_rollup_result r JOIN metrics_series s ON s.id = r.series_id
              WHERE r.batch_id = @Batch AND r.part = 'total' GROUP BY r.month, s.subject_kind, s.metric) d
        WHERE metrics_monthly_total.month = d.month AND metrics_monthly_total.subject_kind = d.subject_kind AND metrics_monthly_total.metric = d.metric
        """,
        """
        INSERT INTO metrics_monthly_total (month, subject_kind, metric, total)
        SELECT r.month, s.subject_kind, s.metric, SUM(r.amount) FROM metrics_rollup_result r JOIN metrics_series s ON s.id = r.series_id
        WHERE r.batch_id = @Batch AND r.part = 'total' AND NOT EXISTS (SELECT 1 FROM metrics_monthly_total t
            WHERE t.month = r.month AND t.subject_kind = s.subject_kind AND t.metric = s.metric)
        GROUP BY r.month, s.subject_kind, s.metric
        """,
        $"UPDATE metrics_monthly SET increments = increments + r.amount FROM metrics_rollup_result r WHERE {Matches} AND r.part = 'increments'",
        $"UPDATE metrics_monthly SET running = r.amount FROM metrics_rollup_result r WHERE {Matches} AND r.part = 'running'",
        """
        INSERT INTO metrics_monthly (series_id, month, subject_id, metric, source, subject_kind, increments, running)
        SELECT r.series_id, r.month, s.subject_id, s.metric, s.source, s.subject_kind,
               SUM(CASE WHEN r.part = 'increments' THEN r.amount ELSE 0 END), SUM(CASE WHEN r.part = 'running' THEN r.amount ELSE 0 END)
        FROM metrics_rollup_result r JOIN metrics_series s ON s.id = r.series_id
        WHERE r.batch_id = @Batch AND r.part <> 'total' AND NOT EXISTS (SELECT 1 FROM metrics_monthly m WHERE m.series_id = r.series_id AND m.month = r.month)
        GROUP BY r.series_id, r.month, s.subject_id, s.metric, s.source, s.subject_kind
        """,
        "DELETE FROM metrics_rollup_stage WHERE batch_id = @Batch",
        ClearResults,
    ]);

    private const string ClearResults = "DELETE FROM metrics_rollup_result WHERE batch_id = @Batch";

    private const string ClearSeries = "DELETE FROM metrics_series_stage WHERE batch_id = @Batch";

    // A write of day-by-day numbers only (no running total among them, as numbers sent as they come mostly are) adds its
    // increments, read from a table named r (StatementBatch.RowsAsync), to their months and to the team's monthly totals
    // in place: two statements where the general apply above takes nine, seven of them through metrics_rollup_result,
    // whose rows, inserted and deleted by every write, were most of its dead rows between autovacuum's visits on
    // PostgreSQL (the load harness's folds: 4.2 against 1.7 ms of statements a fold, pg_stat_statements).
    // "WHERE true" tells SQLite that ON CONFLICT belongs to the INSERT, not to the join.
    private static string AddIncrements(string increments) => $"""
        INSERT INTO metrics_monthly (series_id, month, subject_id, metric, source, subject_kind, increments, running)
        SELECT r.series_id, r.month, s.subject_id, s.metric, s.source, s.subject_kind, r.amount, 0
        FROM {increments} JOIN metrics_series s ON s.id = r.series_id
        WHERE true
        ON CONFLICT (series_id, month) DO UPDATE SET increments = metrics_monthly.increments + excluded.increments;
        INSERT INTO metrics_monthly_total (month, subject_kind, metric, total)
        SELECT r.month, s.subject_kind, s.metric, SUM(r.amount)
        FROM {increments} JOIN metrics_series s ON s.id = r.series_id
        WHERE true
        GROUP BY r.month, s.subject_kind, s.metric
        ON CONFLICT (month, subject_kind, metric) DO UPDATE SET total = metrics_monthly_total.total + excluded.total
        """;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// What stored data refuses in checked observations, by index: a subject that does not exist as the kind it names,
    /// an external id that already names another subject's or metric's series.
    /// </summary>
    public async Task<IReadOnlyList<(int Index, string Field, string Reason)>> RefusalsAsync(IReadOnlyList<ObservationInput> inputs, CancellationToken cancellationToken)
    {
        var stored = await StoredSeriesAsync(inputs, cancellationToken);
        // A series is stored once its subject was found, and removed with it (an activity's removal takes its series):
        // the subject of an observation of a stored series needs no look-up. Numbers sent again are most of them.
        var seriesOf = inputs.Select(input => stored.GetValueOrDefault((input.SourceOrDefault, input.ExternalIdOrDefault))).ToList();
        var found = await sender.Send(new FindRecords(
            [.. inputs.Where((input, i) => !SameSubject(seriesOf[i], input)).Select(input => input.SubjectId).Distinct()]), cancellationToken);
        var refusals = new List<(int, string, string)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var (input, series) = (inputs[i], seriesOf[i]);
            if (!SameSubject(series, input) && (!found.TryGetValue(input.SubjectId, out var kind) || kind != ObservationRules.RecordKindOf(input.SubjectKind)))
            {
                refusals.Add((i, nameof(input.SubjectId), $"There is no {ObservationRules.Describe(input.SubjectKind)} {input.SubjectId}."));
            }
            if (series is not null && !series.Counts(input))
            {
                refusals.Add((i, nameof(input.ExternalId), ObservationRules.SeriesConflict(ObservationRules.StoredSeries, series.SubjectId, series.Metric)));
            }
        }
        return refusals;
    }

    private static bool SameSubject(SeriesRow? series, ObservationInput input) =>
        series is not null && series.SubjectId == input.SubjectId && series.SubjectKind == input.SubjectKind.ToString();

    private async Task<Dictionary<(string, string), SeriesRow>> StoredSeriesAsync(IReadOnlyList<ObservationInput> inputs, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        var stored = new Dictionary<(string, string), SeriesRow>();
        foreach (var source in inputs.GroupBy(input => input.SourceOrDefault, input => input.ExternalIdOrDefault))
        {
            var rows = await db.QueryAsync<SeriesRow>(session.Command(seriesOfSource,
                new { Source = source.Key, ExternalIds = IdLists.Json(source) }, cancellationToken));
            foreach (var row in rows)
            {
                stored[(source.Key, row.ExternalId)] = row;
            }
        }
        return stored;
    }

    /// <summary>Stores checked observations inside the caller's transaction.</summary>
    public async Task<ObservationBatchResult> WriteAsync(IReadOnlyList<ObservationInput> inputs, string origin, CancellationToken cancellationToken) =>
        (await WriteAsync([(inputs, origin)], cancellationToken))[0];

    /// <summary>
    /// Stores several checked batches as one, in order, inside the caller's transaction, and answers what became of
    /// each: a key (source, external id, day) that a batch repeats from an earlier one corrects that one's value.
    /// </summary>
    public async Task<IReadOnlyList<ObservationBatchResult>> WriteAsync(IReadOnlyList<(IReadOnlyList<ObservationInput> Inputs, string Origin)> parts,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var batch = Guid.CreateVersion7(now);
        // On PostgreSQL a write of up to a thousand rows a table is two commands, its rows sent with them as arrays: the
        // series and stored values read (behind the lock, below), then the write. Elsewhere, and for more rows, the rows
        // go by bulk insert between the statements (StatementBatch).
        var statements = session.Statements(new { Batch = batch, Now = now, Resource = "metrics_observation" });
        // Each row of the write meets one row of the large tables: looked up by key, not found by hashing them whole.
        if (dialect.JoinByKeys is { Length: > 0 })
        {
            statements.Add(dialect.JoinByKeys);
        }
        var (series, stored, seriesStaged) = await SeriesAsync([.. parts.Select(part => part.Inputs)], batch, statements, cancellationToken);
        var change = new Change(batch, now, stored);
        var results = parts.Select(part => change.Add(part.Inputs, part.Origin, series)).ToList();

        await statements.InsertAsync("metrics_observation_correction", CorrectionColumns, change.Corrections, cancellationToken);
        if (change.Corrected.Count > 0)
        {
            var (corrected, staged) = await statements.RowsAsync("metrics_observation_stage", StageColumns, change.Corrected, "s", cancellationToken);
            statements.Add(Correct(corrected));
            if (staged)
            {
                statements.Add("DELETE FROM metrics_observation_stage WHERE batch_id = @Batch");
            }
        }
        await statements.InsertAsync("metrics_observation", ObservationColumns, [.. change.InsertedInKeyOrder()], cancellationToken);
        object?[][] increments = [.. change.Increments.Select(pair => new object?[] { batch, "increments", pair.Key.Series, pair.Key.Month, pair.Value })];
        if (change.RunningMonths.Count == 0 && dialect.UpsertsOnConflict)
        {
            if (increments.Length > 0)
            {
                var (added, staged) = await statements.RowsAsync("metrics_rollup_result", IncrementColumns, increments, "r", cancellationToken);
                statements.Add(AddIncrements(added));
                if (staged)
                {
                    statements.Add(ClearResults);
                }
            }
        }
        else
        {
            await statements.InsertAsync("metrics_rollup_result", IncrementColumns, increments, cancellationToken);
            await statements.InsertAsync("metrics_rollup_stage", MonthColumns, [.. change.RunningMonths.Select(key => new object?[] { batch, key.Series, key.Month })], cancellationToken);
            if (change.RunningMonths.Count > 0)
            {
                statements.Add($"{FollowingMonths};\n{RunningTotals}");
            }
            statements.Add(ApplyAndClear);
        }
        if (seriesStaged)
        {
            statements.Add(ClearSeries);
        }
        await statements.ExecuteLastAsync(cancellationToken);
        return results;
    }

    /// <summary>
    /// The series of the batch's (source, external id) pairs, created where new, with their ids and running-total flags
    /// (a series keeps the one it was first stored with), and the values stored for them between the batch's first and
    /// last day. An external id that meanwhile came to name another subject's or metric's series refuses the batch, as
    /// the check before writing would have.
    /// </summary>
    private async Task<(Dictionary<(string, string), (long Id, bool Cumulative)> Series, Dictionary<(long, DateOnly), long> Stored, bool Staged)> SeriesAsync(
        IReadOnlyList<IReadOnlyList<ObservationInput>> parts, Guid batch, StatementBatch statements, CancellationToken cancellationToken)
    {
        var named = new Dictionary<(string Source, string ExternalId), ObservationInput>();
        var conflicts = new List<ValidationFailure>();
        var (from, to) = (DateOnly.MaxValue, DateOnly.MinValue);
        foreach (var input in parts.SelectMany(inputs => inputs))
        {
            (from, to) = (input.ObservedOn < from ? input.ObservedOn : from, input.ObservedOn > to ? input.ObservedOn : to);
            if (!named.TryAdd((input.SourceOrDefault, input.ExternalIdOrDefault), input)
                && named[(input.SourceOrDefault, input.ExternalIdOrDefault)] is var first && !ObservationRules.SameSeries(first, input))
            {
                conflicts.Add(new ValidationFailure(nameof(ObservationInput.ExternalId), ObservationRules.SeriesConflict("A batch written with this one", first.SubjectId, first.Metric)));
            }
        }
        var (seriesTable, staged) = await statements.RowsAsync("metrics_series_stage", SeriesStageColumns, [.. named.Select(pair => new object?[]
        {
            batch, pair.Key.Source, pair.Key.ExternalId, pair.Value.SubjectKind.ToString(), pair.Value.SubjectId, pair.Value.Metric.ToString(), pair.Value.Cumulative,
        })], "t", cancellationToken);
        // Two batches classifying the same key as new at once would both insert it, and both move the same monthly totals:
        // batches take turns (found by the load harness: duplicate keys and 500s on PostgreSQL). The lock goes first in
        // the command of the read; its answer is skipped.
        var locked = dialect.ExclusiveLock is { Length: > 0 };
        if (locked)
        {
            statements.Add(dialect.ExclusiveLock);
        }
        var rows = new List<SeriesRow>(named.Count);
        // Read by hand, in one round trip with the insert of the new series: a re-sent file reads back as many values as it has lines.
        var stored = new Dictionary<(long, DateOnly), long>();
        // A batch that fills most of the days between its first and last (a file, day by day) reads what is stored
        // between them, in the key's order; one that names a few days of each series (numbers sent as they come, the
        // batches folded into one write) looks its keys up, instead of reading every day of every series it names.
        var (storedValues, bounds) = parts.Sum(inputs => inputs.Count) * SparseKeys <= named.Count * (to.DayNumber - from.DayNumber + 1)
            ? (storedValuesOfKeys, dialect.KeysByDayParameters("@Keys", parts.SelectMany(inputs => inputs)
                .Select(input => (input.SourceOrDefault, input.ExternalIdOrDefault, input.ObservedOn))))
            : (StoredValues(seriesTable), new { From = from, To = to });
        await using (var results = await statements.ExecuteReaderAsync($"{InsertSeries(seriesTable)};\n{ResolveSeries(seriesTable)};\n{storedValues}", bounds, cancellationToken))
        {
            var reader = results.Reader;
            if (locked)
            {
                await reader.NextResultAsync(cancellationToken);
            }
            var series = reader.GetRowParser<SeriesRow>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(series(reader));
            }
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!await reader.IsDBNullAsync(2, cancellationToken))
                {
                    stored[(reader.GetInt64(0), TypeHandlers.ReadDate(reader, 1))] = reader.GetInt64(2);
                }
            }
        }
        conflicts.AddRange(rows.Select(row => (Row: row, Input: named[(row.Source, row.ExternalId)]))
            .Where(pair => !pair.Row.Counts(pair.Input))
            .Select(pair => new ValidationFailure(nameof(ObservationInput.ExternalId), ObservationRules.SeriesConflict(ObservationRules.StoredSeries, pair.Row.SubjectId, pair.Row.Metric))));
        if (conflicts.Count > 0)
        {
            throw new ValidationException(conflicts);
        }
        return (rows.ToDictionary(row => (row.Source, row.ExternalId), row => (row.Id, row.Cumulative)), stored, staged);
    }

    /// <summary>
    /// What a write does: the rows it adds and corrects, and the rollup months it moves. Its parts apply in order, over
    /// the values stored before it (<paramref name="values"/>, which it keeps current): a key a part repeats from an
    /// earlier one is a correction of that one's value, written into the row the write inserts or corrects, and
    /// recorded a microsecond after the correction before it, so that a key's history keeps its order.
    /// </summary>
    private sealed class Change(Guid batch, DateTimeOffset now, Dictionary<(long, DateOnly), long> values)
    {
        // The row this write inserts or corrects for a key, and where in it the value is.
        private readonly Dictionary<(long, DateOnly), (object?[] Row, int Value)> written = [];
        private readonly Dictionary<(long, DateOnly), int> corrections = [];

        public List<object?[]> Inserted { get; } = [];

        /// <summary>
        /// The new rows in the table's key order, series then day. A file runs day by day across thousands of series:
        /// in its own order every day touched each series' page again (measured: a tenth of an import's time at four
        /// million rows on SQLite).
        /// </summary>
        public IEnumerable<object?[]> InsertedInKeyOrder() => Inserted.OrderBy(row => (long)row[0]!).ThenBy(row => (DateOnly)row[1]!);

        public List<object?[]> Corrections { get; } = [];

        public List<object?[]> Corrected { get; } = [];

        public Dictionary<(long Series, DateOnly Month), long> Increments { get; } = [];

        public HashSet<(long Series, DateOnly Month)> RunningMonths { get; } = [];

        public ObservationBatchResult Add(IReadOnlyList<ObservationInput> inputs, string origin, Dictionary<(string, string), (long Id, bool Cumulative)> series)
        {
            var (inserted, updated) = (0, 0);
            foreach (var input in inputs)
            {
                var (id, cumulative) = series[(input.SourceOrDefault, input.ExternalIdOrDefault)];
                var (day, key) = (input.ObservedOn, (id, input.ObservedOn));
                var found = values.TryGetValue(key, out var previous);
                if (found && previous == input.Value)
                {
                    continue;
                }
                values[key] = input.Value;
                if (found)
                {
                    var earlier = corrections.GetValueOrDefault(key);
                    corrections[key] = earlier + 1;
                    Corrections.Add([id, day, now.AddMicroseconds(earlier), previous, input.Value, origin]);
                    if (written.TryGetValue(key, out var row))
                    {
                        row.Row[row.Value] = input.Value;
                    }
                    else
                    {
                        object?[] corrected = [batch, id, day, input.Value];
                        written[key] = (corrected, 3);
                        Corrected.Add(corrected);
                    }
                    updated++;
                }
                else
                {
                    object?[] added = [id, day, input.Value, now];
                    written[key] = (added, 2);
                    Inserted.Add(added);
                    inserted++;
                }
                var month = (id, new DateOnly(day.Year, day.Month, 1));
                if (cumulative)
                {
                    RunningMonths.Add(month);
                }
                else
                {
                    Increments[month] = Increments.GetValueOrDefault(month) + input.Value - previous;
                }
            }
            return new ObservationBatchResult(inputs.Count, inserted, updated, inputs.Count - inserted - updated);
        }
    }

    /// <summary>A stored series, as the check before a write and the write itself read it.</summary>
    private sealed class SeriesRow
    {
        public required long Id { get; init; }

        public required string Source { get; init; }

        public required string ExternalId { get; init; }

        public required string SubjectKind { get; init; }

        public required Guid SubjectId { get; init; }

        public required string Metric { get; init; }

        public required bool Cumulative { get; init; }

        /// <summary>Whether the series counts what <paramref name="input"/> does: its subject's metric.</summary>
        public bool Counts(ObservationInput input) => SubjectId == input.SubjectId && Metric == input.Metric.ToString();
    }
}
