using DevRelHub.Advocacy.Contracts;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Metrics.Contracts;
using Mediator;

namespace DevRelHub.Reports.Quarterly;

/// <summary>Everything the quarterly report prints, as the modules answered it; composing the PDF from it reads nothing more.</summary>
/// <param name="Trend">The quarter and the three before it, oldest first: the monthly awareness line and the involvement bars.</param>
/// <param name="UpcomingTalks">Accepted talks at events that start in the quarter after, soonest first.</param>
/// <param name="OpenCfps">Calls for papers still open when the quarter ended that close in the quarter after, soonest first.</param>
public sealed record QuarterlyFigures(
    Quarter Quarter,
    QuarterSummary Summary,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<BreakdownRow> Channels,
    IReadOnlyList<AdvocateFigures> Advocates,
    IReadOnlyList<UpcomingTalk> UpcomingTalks,
    IReadOnlyList<EventRecord> OpenCfps,
    HiringFunnel Funnel);

/// <param name="TravelShare">Travelling working days ÷ the quarter's working days.</param>
public sealed record AdvocateFigures(string Name, int Activities, long Awareness, Involvement Involvement, long FollowerGrowth, double TravelShare);

public sealed record UpcomingTalk(string Title, string AdvocateName, string EventName, DateOnly StartsOn, string? City, bool Online);

/// <summary>Asks Metrics, Advocacy and Hiring for what a quarter's report shows.</summary>
public sealed record GatherQuarterlyFigures(Quarter Quarter) : IQuery<QuarterlyFigures>;

internal sealed class GatherQuarterlyFiguresHandler(ISender sender) : IQueryHandler<GatherQuarterlyFigures, QuarterlyFigures>
{
    private const int TrendQuarters = 4;

    public async ValueTask<QuarterlyFigures> Handle(GatherQuarterlyFigures query, CancellationToken cancellationToken)
    {
        var quarter = query.Quarter;
        var summary = await sender.Send(new GetQuarterSummary(quarter), cancellationToken);
        var trend = await sender.Send(new GetTrend(quarter, TrendQuarters), cancellationToken);
        var channels = await sender.Send(new GetBreakdown(quarter, BreakdownBy.Channel), cancellationToken);
        var advocates = await AdvocatesAsync(quarter, summary, cancellationToken);
        var (talks, cfps) = await UpcomingAsync(quarter, cancellationToken);
        var funnel = await sender.Send(new GetHiringFunnel(quarter.Year, quarter.Number), cancellationToken);
        return new QuarterlyFigures(quarter, summary, trend, channels.Rows.Where(row => row.Awareness > 0).ToList(), advocates, talks, cfps, funnel);
    }

    private async Task<IReadOnlyList<AdvocateFigures>> AdvocatesAsync(Quarter quarter, QuarterSummary summary, CancellationToken cancellationToken)
    {
        var breakdown = await sender.Send(new GetBreakdown(quarter, BreakdownBy.Advocate), cancellationToken);
        var activities = (await sender.Send(new CountActivitiesByAdvocate(quarter.FirstDay, quarter.LastDay), cancellationToken))
            .ToDictionary(count => count.AdvocateId, count => count.Activities);
        var travel = (await sender.Send(new GetTravelBudget(quarter.Year, quarter.Number), cancellationToken)).Advocates
            .ToDictionary(advocate => advocate.AdvocateId, advocate => advocate.Share);
        var growth = summary.FollowerGrowth.ToDictionary(advocate => advocate.AdvocateId, advocate => advocate.Growth);
        return breakdown.Rows
            .Select(row => (Id: Guid.Parse(row.Key), Row: row))
            .Select(advocate => new AdvocateFigures(
                advocate.Row.Label,
                activities.GetValueOrDefault(advocate.Id),
                advocate.Row.Awareness,
                advocate.Row.Involvement ?? new Involvement(0, 0, 0),
                growth.GetValueOrDefault(advocate.Id),
                travel.GetValueOrDefault(advocate.Id)))
            .OrderByDescending(advocate => advocate.Awareness).ThenBy(advocate => advocate.Name, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<(IReadOnlyList<UpcomingTalk>, IReadOnlyList<EventRecord>)> UpcomingAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var next = quarter.Next;
        var ended = new DateTimeOffset(quarter.Next.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var events = await sender.Send(new ListEvents(next.FirstDay, next.LastDay), cancellationToken);
        var showing = events.Where(e => e.StartsOn >= next.FirstDay && e.StartsOn <= next.LastDay).ToDictionary(e => e.Id);
        var accepted = await sender.Send(new ListSubmissions(Status: SubmissionStatus.Accepted), cancellationToken);
        var talks = accepted
            .Where(submission => showing.ContainsKey(submission.EventId))
            .Select(submission => (Submission: submission, Event: showing[submission.EventId]))
            .Select(talk => new UpcomingTalk(talk.Submission.Title, talk.Submission.AdvocateName, talk.Event.Name, talk.Event.StartsOn, talk.Event.City, talk.Event.Online))
            .OrderBy(talk => talk.StartsOn).ThenBy(talk => talk.EventName, StringComparer.Ordinal).ThenBy(talk => talk.Title, StringComparer.Ordinal)
            .ToList();
        var cfps = events
            .Where(e => e.CfpClosesAt is { } closes && closes >= ended && (e.CfpOpensOn is null || e.CfpOpensOn < next.FirstDay))
            .OrderBy(e => e.CfpClosesAt).ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        return (talks, cfps);
    }
}
