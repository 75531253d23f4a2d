using System.Text.Json.Serialization;
using Mediator;

namespace DevRelHub.Metrics.Contracts;

/// <summary>What a quarter's awareness can be broken down by.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BreakdownBy>))]
public enum BreakdownBy
{
    /// <summary>The advocate who owns the activity.</summary>
    Advocate,

    /// <summary>The kind of activity: talk, video, blog post…</summary>
    Kind,

    /// <summary>The source that reported the numbers: YouTube, the blog's analytics, the event's organiser…</summary>
    Channel,

    /// <summary>Each tag (theme) of the activity; an activity with two tags counts under both.</summary>
    Tag,

    /// <summary>Each specialty of the activity's advocate; an advocate with two specialties counts under both.</summary>
    Specialty,
}

/// <summary>A quarter's awareness per advocate, kind, channel, tag or specialty, largest first, each against the quarter before and the year before.</summary>
public sealed record GetBreakdown(Quarter Quarter, BreakdownBy By) : IQuery<Breakdown>;

public sealed record Breakdown(Quarter Quarter, BreakdownBy By, IReadOnlyList<BreakdownRow> Rows);

/// <param name="Key">What <see cref="ListActivityAwareness"/> takes to list the activities behind the row.</param>
/// <param name="Activities">Activities that generated awareness in the quarter.</param>
/// <param name="Involvement">Per advocate only: their part of the involvement KPI.</param>
/// <param name="AwarenessTarget">Per advocate only: their awareness target and attainment, when set.</param>
public sealed record BreakdownRow(
    string Key, string Label, long Awareness, int Activities, KpiDelta AwarenessDelta,
    Involvement? Involvement = null, Attainment? AwarenessTarget = null, Attainment? InvolvementTarget = null);

/// <summary>
/// The activities behind a figure: every activity that generated awareness in the quarter, or only those of one
/// breakdown row (<paramref name="By"/> and its <paramref name="Key"/>), largest first.
/// </summary>
public sealed record ListActivityAwareness(Quarter Quarter, BreakdownBy? By = null, string? Key = null, int Top = 500) : IQuery<IReadOnlyList<ActivityAwareness>>;

/// <summary>Awareness and involvement for <paramref name="Quarters"/> quarters up to <paramref name="Last"/>, oldest first.</summary>
public sealed record GetTrend(Quarter Last, int Quarters = 8) : IQuery<IReadOnlyList<TrendPoint>>
{
    public const int MaxQuarters = 20;
}

public sealed record TrendPoint(Quarter Quarter, long Awareness, Involvement Involvement, IReadOnlyList<MonthAwareness> ByMonth);

/// <summary>The two KPIs, as targets name them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KpiName>))]
public enum KpiName
{
    Awareness,
    Involvement,
}

/// <summary>A quarter's target for a KPI, for the team or (with <paramref name="AdvocateId"/>) for one advocate.</summary>
public sealed record TargetInput(Quarter Quarter, KpiName Kpi, long Value, Guid? AdvocateId = null);

/// <summary>Sets a target, replacing the one set before for the same quarter, KPI and advocate.</summary>
public sealed record SetTarget(TargetInput Target, string SetBy) : ICommand<TargetRecord>;

/// <summary>Removes a target; nothing happens when there is none.</summary>
public sealed record RemoveTarget(Quarter Quarter, KpiName Kpi, Guid? AdvocateId = null) : ICommand;

/// <summary>The targets of a quarter, or of every quarter, team targets first.</summary>
public sealed record ListTargets(Quarter? Quarter = null) : IQuery<IReadOnlyList<TargetRecord>>;

public sealed record TargetRecord(Quarter Quarter, KpiName Kpi, Guid? AdvocateId, long Value, string SetBy, DateTimeOffset SetAt);
