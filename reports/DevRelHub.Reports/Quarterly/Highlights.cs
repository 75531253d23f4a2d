using System.Globalization;
using DevRelHub.Metrics.Contracts;

namespace DevRelHub.Reports.Quarterly;

/// <summary>Three sentences an executive reads first: awareness against target and trend, where it came from, and involvement.</summary>
public static class Highlights
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static IReadOnlyList<string> Of(QuarterlyFigures figures) => [Awareness(figures), Sources(figures), Involvement(figures)];

    private static string Awareness(QuarterlyFigures figures)
    {
        var summary = figures.Summary;
        if (summary.Awareness == 0)
        {
            return $"No awareness was recorded in {figures.Quarter}: no activity has reported audience figures for it yet.";
        }
        var target = summary.AwarenessTarget is { Percent: { } percent } attained
            ? $", {Percent(percent)} of the {Number(attained.Target)} target"
            : ", with no target set";
        var change = summary.AwarenessDelta.PreviousQuarter == 0
            ? $", after none in {figures.Quarter.Previous}"
            : $", {Change(summary.AwarenessDelta.QuarterOverQuarterPercent, summary.AwarenessDelta.QuarterOverQuarter)} on {figures.Quarter.Previous}";
        return $"Our work reached {Number(summary.Awareness)} eyeballs{target}{change}.";
    }

    private static string Sources(QuarterlyFigures figures)
    {
        if (figures.Summary.TopActivities is not [var top, ..])
        {
            return "No single activity stood out, since none reported an audience.";
        }
        var channel = figures.Channels is [var first, ..] && figures.Summary.Awareness > 0
            ? $", and {first.Label} was the leading channel with {Percent(100.0 * first.Awareness / figures.Summary.Awareness)} of all awareness"
            : "";
        return $"The widest reach came from “{top.Title}” by {top.AdvocateName} ({Number(top.Awareness)} eyeballs){channel}.";
    }

    private static string Involvement(QuarterlyFigures figures)
    {
        var involvement = figures.Summary.Involvement;
        if (involvement.Total == 0 && involvement.OpenSourceContributions == 0)
        {
            return "No community contributions, invitations or open-source contributions were recorded this quarter.";
        }
        var delta = figures.Summary.InvolvementDelta;
        var change = delta.PreviousQuarter == 0 ? "" : $", {Change(delta.QuarterOverQuarterPercent, delta.QuarterOverQuarter)} on {figures.Quarter.Previous}";
        return $"Community involvement came to {Number(involvement.Total)} ({Count(involvement.CommunityContributions, "community contribution")} and "
            + $"{Count(involvement.InvitationsReceived, "invitation")}){change}; the team also made {Count(involvement.OpenSourceContributions, "open-source contribution")}.";
    }

    internal static string Number(long value) => value.ToString("N0", Culture);

    internal static string Percent(double value) => value.ToString("0.#", Culture) + " %";

    private static string Count(long value, string noun) => $"{Number(value)} {noun}{(value == 1 ? "" : "s")}";

    private static string Change(double? percent, long change) =>
        percent is { } p ? (p >= 0 ? "up " : "down ") + Percent(Math.Abs(p)) : (change >= 0 ? "up " : "down ") + Number(Math.Abs(change));
}
