using System.Text.Json.Serialization;
using Mediator;

namespace DevRelHub.Metrics.Contracts;

/// <summary>What can be counted about an activity; written by name in JSON.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MetricKind>))]
public enum MetricKind
{
    Views,
    UniqueViewers,
    Attendees,
    Reads,
    Listens,
    Impressions,
    Downloads,
    Stars,
    Followers,
}

/// <summary>The key performance indicators, defined once and shown wherever they are shown.</summary>
public static class Kpi
{
    /// <summary>The metrics that count eyeballs: their sum over a period is the awareness an activity generated.</summary>
    public static IReadOnlyList<MetricKind> EyeballMetrics { get; } =
        [MetricKind.Views, MetricKind.Attendees, MetricKind.Reads, MetricKind.Listens, MetricKind.Impressions];

    public const string AwarenessDefinition =
        "Awareness is the number of eyeballs our activities reached: the sum of views, attendees, readers, listeners and impressions observed in the period, "
        + "each number counted once; where a source reports running totals, what the total grew by in the period.";

    public const string InvolvementDefinition =
        "Community involvement is what the community did with the program: content community members contributed plus invitations our advocates received to community efforts, in the period. The advocates' own open-source contributions are shown beside it, not added.";

    public const string FollowerGrowthDefinition =
        "Follower growth is, per advocate and network, the latest follower count in the period less the latest before it, summed over their networks.";
}

/// <summary>The involvement KPI and its parts; <see cref="Total"/> is contributions plus invitations.</summary>
public sealed record Involvement(int CommunityContributions, int InvitationsReceived, int OpenSourceContributions)
{
    public long Total => CommunityContributions + InvitationsReceived;
}

/// <summary>An advocate's followers at the end of a period and their growth in it.</summary>
public sealed record FollowerGrowth(Guid AdvocateId, string AdvocateName, long Followers, long Growth);

/// <summary>What an observation is about.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubjectKind>))]
public enum SubjectKind
{
    /// <summary>An advocacy activity: a talk, a video, a post…</summary>
    Activity,

    /// <summary>Content a community member contributed.</summary>
    Contribution,

    /// <summary>An advocate's account on the network the source names; the subject id is the advocate's.</summary>
    Account,
}

/// <summary>
/// A number a source observed about a subject on a day. (<paramref name="Source"/>, <paramref name="ExternalId"/>,
/// <paramref name="ObservedOn"/>) identifies it: sending it again updates the value and keeps the earlier one as a
/// correction. (<paramref name="Source"/>, <paramref name="ExternalId"/>) is a series: it names one subject's one
/// metric, whatever the day. <paramref name="Cumulative"/> says the source reports running totals (a video's views so
/// far), not what happened that day, and is the series' from its first observation on; the external id defaults to
/// the subject and metric.
/// </summary>
public sealed record ObservationInput(
    [property: JsonRequired] Guid SubjectId,
    [property: JsonRequired] MetricKind Metric,
    [property: JsonRequired] long Value,
    [property: JsonRequired] DateOnly ObservedOn,
    SubjectKind SubjectKind = SubjectKind.Activity,
    string? Source = null,
    string? ExternalId = null,
    bool Cumulative = false)
{
    public const string ManualSource = "Manual";

    public const int MaxSourceLength = 64;

    public const int MaxExternalIdLength = 200;

    public string SourceOrDefault => string.IsNullOrWhiteSpace(Source) ? ManualSource : Source.Trim();

    public string ExternalIdOrDefault => string.IsNullOrWhiteSpace(ExternalId) ? $"{SubjectId:D}:{Metric}" : ExternalId.Trim();
}

/// <summary>Stores a batch of at most <see cref="MaxBatch"/> observations: all of them, or none when one is wrong.</summary>
/// <param name="Origin">Who or what sent them, kept with every correction.</param>
/// <remarks>
/// A request, not a command: it is written in a transaction of its own together with batches sent at the same time,
/// so no caller's transaction may hold it (send it outside one).
/// </remarks>
public sealed record RecordObservations(IReadOnlyList<ObservationInput> Observations, string Origin) : IRequest<ObservationBatchResult>
{
    public const int MaxBatch = 10_000;
}

/// <param name="Inserted">Observations not seen before.</param>
/// <param name="Updated">Observations sent before with another value; the earlier value is kept as a correction.</param>
/// <param name="Unchanged">Observations sent before with the same value.</param>
public sealed record ObservationBatchResult(int Received, int Inserted, int Updated, int Unchanged);

/// <summary>
/// Imports observations from CSV (the columns are in the README). Every line is checked first; a file with any bad
/// line stores nothing and the answer names each bad line. Lines already imported change nothing. A good file is
/// stored in transactions of <see cref="RowsPerTransaction"/> lines, so a large one never holds the database's
/// writers off for long (about a second each on SQLite; a tenth of that size made a 10-million-row import half as
/// fast, each transaction rewriting the last page of every series it touched); should the process stop midway,
/// importing the file again completes it without doubling.
/// </summary>
public sealed record ImportObservations(string FileName, Stream Content, string Origin, IProgress<ImportProgress>? Progress = null) : IRequest<ObservationImportResult>
{
    public const int RowsPerTransaction = 250_000;
}

/// <summary>How far an import is: <paramref name="Done"/> of <paramref name="Total"/> in <paramref name="Stage"/>.</summary>
public sealed record ImportProgress(string Stage, long Done, long Total);

public sealed record ObservationImportResult(string FileName, int Lines, int Inserted, int Updated, int Unchanged, IReadOnlyList<LineError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <param name="Line">The line of the file, counting the header as line 1.</param>
public sealed record LineError(int Line, string? Column, string Reason);

/// <summary>The observations of one subject, newest first, each with the values it had before corrections.</summary>
public sealed record GetObservationHistory(Guid SubjectId) : IQuery<IReadOnlyList<ObservationRecord>>;

public sealed record ObservationRecord(
    SubjectKind SubjectKind, Guid SubjectId, MetricKind Metric, long Value, DateOnly ObservedOn, string Source, string ExternalId, bool Cumulative,
    DateTimeOffset RecordedAt, IReadOnlyList<Correction> Corrections);

/// <summary>A value replaced by a later one sent for the same observation.</summary>
public sealed record Correction(DateTimeOffset CorrectedAt, long PreviousValue, long Value, string Origin);

/// <summary>A quarter's two KPIs, awareness and involvement, what they are made of, and follower growth per advocate.</summary>
public sealed record GetQuarterSummary(Quarter Quarter) : IQuery<QuarterSummary>;

/// <param name="AwarenessTarget">The team's awareness target for the quarter and how much of it was reached; null when none is set.</param>
/// <param name="ByMonth">Awareness in each month of the quarter.</param>
/// <param name="TopActivities">The ten activities that generated the most awareness in the quarter.</param>
public sealed record QuarterSummary(
    Quarter Quarter, long Awareness, IReadOnlyList<MetricTotal> ByMetric, long ActivitiesLogged, Involvement Involvement, IReadOnlyList<FollowerGrowth> FollowerGrowth,
    KpiDelta AwarenessDelta, KpiDelta InvolvementDelta, Attainment? AwarenessTarget, Attainment? InvolvementTarget,
    IReadOnlyList<MonthAwareness> ByMonth, IReadOnlyList<ActivityAwareness> TopActivities);

/// <summary>A target and the figure reached against it.</summary>
public sealed record Attainment(long Target, long Actual)
{
    /// <summary>The figure in percent of the target, one decimal; null for a zero target.</summary>
    public double? Percent => Target == 0 ? null : Math.Round(100.0 * Actual / Target, 1, MidpointRounding.AwayFromZero);
}

public sealed record MonthAwareness(DateOnly Month, long Awareness);

/// <summary>The awareness one activity generated in a period.</summary>
public sealed record ActivityAwareness(Guid ActivityId, string Title, string Kind, Guid AdvocateId, string AdvocateName, DateOnly OccurredOn, long Awareness);

/// <summary>A KPI against the quarter before and the same quarter a year before.</summary>
public sealed record KpiDelta(long PreviousQuarter, long YearBefore, long Current)
{
    public long QuarterOverQuarter => Current - PreviousQuarter;

    public long YearOverYear => Current - YearBefore;

    /// <summary>The change in percent of the earlier figure; null when the earlier figure is zero.</summary>
    public static double? Percent(long earlier, long current) => earlier == 0 ? null : Math.Round(100.0 * (current - earlier) / earlier, 1, MidpointRounding.AwayFromZero);

    public double? QuarterOverQuarterPercent => Percent(PreviousQuarter, Current);

    public double? YearOverYearPercent => Percent(YearBefore, Current);

    /// <summary>"+3,601 (+360.5 %)": a change with its percent when there is one.</summary>
    public static string Signed(long change, double? percent, IFormatProvider provider) =>
        change.ToString("+#,0;-#,0;±0", provider) + (percent is { } p ? $" ({p.ToString("+0.#;-0.#;0", provider)} %)" : "");
}

public sealed record MetricTotal(MetricKind Metric, long Total);
