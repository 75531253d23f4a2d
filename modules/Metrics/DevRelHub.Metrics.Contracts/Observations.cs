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
}

/// <summary>A number observed about an activity on a day.</summary>
public sealed record ObservationSummary(Guid Id, Guid ActivityId, MetricKind Metric, long Value, DateOnly ObservedOn, string Source);

/// <summary>Records an observation. The activity must exist in Advocacy.</summary>
public sealed record RecordObservation(Guid ActivityId, MetricKind Metric, long Value, DateOnly ObservedOn, string? Source) : ICommand<ObservationSummary>;

/// <summary>A quarter's awareness and what it is made of.</summary>
public sealed record GetQuarterSummary(Quarter Quarter) : IQuery<QuarterSummary>;

public sealed record QuarterSummary(Quarter Quarter, long Awareness, IReadOnlyList<MetricTotal> ByMetric, long ActivitiesLogged);

public sealed record MetricTotal(MetricKind Metric, long Total);
