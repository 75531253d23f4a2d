using System.Globalization;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Reports.Pdf;
using Mediator;

namespace DevRelHub.Reports.Quarterly;

/// <summary>The quarterly awareness report as PDF bytes.</summary>
public sealed record RenderQuarterlyReport(Quarter Quarter) : IQuery<byte[]>;

internal sealed class RenderQuarterlyReportHandler(ISender sender, TimeProvider clock) : IQueryHandler<RenderQuarterlyReport, byte[]>
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public async ValueTask<byte[]> Handle(RenderQuarterlyReport query, CancellationToken cancellationToken)
    {
        var summary = await sender.Send(new GetQuarterSummary(query.Quarter), cancellationToken);
        var created = clock.GetUtcNow();
        var title = $"DevRel Hub quarterly report {query.Quarter}";
        var document = new PdfDocument(new DocumentInfo(title, "DevRel Hub", "Awareness and community involvement", created))
            .Text(title, TextStyle.Title, spaceAfter: 4)
            .Text($"{query.Quarter.FirstDay:d MMMM yyyy} to {query.Quarter.LastDay:d MMMM yyyy} · generated {created:yyyy-MM-dd HH:mm} UTC", TextStyle.Muted, spaceAfter: 18)
            .Text("Awareness", TextStyle.Heading)
            .Pairs(
            [
                ("Awareness (eyeballs reached)", Format(summary.Awareness)),
                ($"Change on {query.Quarter.Previous} / on {query.Quarter.YearBefore}", Change(summary.AwarenessDelta)),
                ("Activities logged", Format(summary.ActivitiesLogged)),
            ])
            .Text("Observed totals by metric", TextStyle.Heading);
        document = summary.ByMetric.Count == 0
            ? document.Text("Nothing was observed in this quarter.", spaceAfter: 12)
            : document.Pairs(summary.ByMetric.Select(total => (total.Metric.ToString(), Format(total.Total))));
        document = document
            .Text("Community involvement", TextStyle.Heading)
            .Pairs(
            [
                ("Community involvement", Format(summary.Involvement.Total)),
                ($"Change on {query.Quarter.Previous} / on {query.Quarter.YearBefore}", Change(summary.InvolvementDelta)),
                ("Community content contributions", Format(summary.Involvement.CommunityContributions)),
                ("Invitations to community efforts", Format(summary.Involvement.InvitationsReceived)),
                ("Open-source contributions by the team (shown, not added)", Format(summary.Involvement.OpenSourceContributions)),
            ]);
        if (summary.FollowerGrowth.Count > 0)
        {
            document = document
                .Text("Follower growth", TextStyle.Heading)
                .Pairs(summary.FollowerGrowth.Select(growth => (growth.AdvocateName, $"{Format(growth.Followers)} ({growth.Growth.ToString("+#,0;-#,0;0", Culture)})")));
        }
        return document
            .Text("How we count", TextStyle.Heading)
            .Text(Kpi.AwarenessDefinition)
            .Text(Kpi.InvolvementDefinition)
            .Text(Kpi.FollowerGrowthDefinition)
            .Render();
    }

    private static string Format(long value) => value.ToString("N0", Culture);

    private static string Change(KpiDelta delta) =>
        $"{KpiDelta.Signed(delta.QuarterOverQuarter, delta.QuarterOverQuarterPercent, Culture)} / {KpiDelta.Signed(delta.YearOverYear, delta.YearOverYearPercent, Culture)}";
}
