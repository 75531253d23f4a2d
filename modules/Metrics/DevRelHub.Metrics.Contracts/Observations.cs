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
        "Awareness is the number of eyeballs our activities reached: the sum of views, attendees, readers, listeners and impressions observed in the period.";

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

/// <summary>A number observed about an activity on a day.</summary>
public sealed record ObservationSummary(Guid Id, Guid ActivityId, MetricKind Metric, long Value, DateOnly ObservedOn, string Source);

/// <summary>Records an observation. The activity must exist in Advocacy.</summary>
public sealed record RecordObservation(Guid ActivityId, MetricKind Metric, long Value, DateOnly ObservedOn, string? Source) : ICommand<ObservationSummary>;

/// <summary>A quarter's two KPIs, awareness and involvement, what they are made of, and follower growth per advocate.</summary>
public sealed record GetQuarterSummary(Quarter Quarter) : IQuery<QuarterSummary>;

public sealed record QuarterSummary(
    Quarter Quarter, long Awareness, IReadOnlyList<MetricTotal> ByMetric, long ActivitiesLogged, Involvement Involvement, IReadOnlyList<FollowerGrowth> FollowerGrowth,
    KpiDelta AwarenessDelta, KpiDelta InvolvementDelta);

/// <summary>A KPI against the quarter before and the same quarter a year before.</summary>
public sealed record KpiDelta(long PreviousQuarter, long YearBefore, long Current)
{
    public long QuarterOverQuarter => Current - PreviousQuarter;

    public long YearOverYear => Current - YearBefore;

    /// <summary>The change in percent of the earlier figure; null when the earlier figure is zero.</summary>
    public static double? Percent(long earlier, long current) => earlier == 0 ? null : Math.Round(100.0 * (current - earlier) / earlier, 1);

    public double? QuarterOverQuarterPercent => Percent(PreviousQuarter, Current);

    public double? YearOverYearPercent => Percent(YearBefore, Current);

    /// <summary>"+3,601 (+360.5 %)": a change with its percent when there is one.</summary>
    public static string Signed(long change, double? percent, IFormatProvider provider) =>
        change.ToString("+#,0;-#,0;±0", provider) + (percent is { } p ? $" ({p.ToString("+0.#;-0.#;0", provider)} %)" : "");
}

public sealed record MetricTotal(MetricKind Metric, long Total);
