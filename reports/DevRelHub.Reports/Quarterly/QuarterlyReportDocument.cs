using System.Globalization;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Reports.Pdf;
using DevRelHub.Reports.Pdf.Layout;
using static DevRelHub.Reports.Quarterly.Highlights;

namespace DevRelHub.Reports.Quarterly;

/// <summary>Lays the quarter's figures out as the report executives receive: a cover, the summary first, the detail after, how we count last.</summary>
public static class QuarterlyReportDocument
{
    public const string TeamName = "Developer Advocacy";

    private static readonly (string Title, Func<QuarterlyFigures, Element> Body)[] Parts =
    [
        ("Executive summary", Summary), ("Awareness", Awareness), ("Top 10 activities by awareness", TopActivities),
        ("Community involvement", Involvement), ("Advocates", Advocates), ("Upcoming talks and open CFPs", Upcoming),
        ("Hiring funnel", Hiring), ("Methodology", Methodology),
    ];

    /// <summary>The section titles, in the order the report prints them after its cover.</summary>
    public static IReadOnlyList<string> Sections { get; } = [.. Parts.Select(part => part.Title)];

    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");
    private static readonly TextStyle Caption = new(8.5f, Color: Palette.Grey);
    private static readonly TextStyle BigNumber = new(26, Bold: true, Color: Palette.Navy);

    public static PdfDocument Compose(QuarterlyFigures figures, DateTimeOffset created)
    {
        var quarter = figures.Quarter;
        var title = $"Quarterly report {quarter} · {TeamName}";
        var document = new PdfDocument(new DocumentInfo(title, $"DevRel Hub · {TeamName}", "Awareness and community involvement", created))
            .Header(new Row(12)
                .Relative(new Text($"DevRel Hub · {TeamName}", TextStyle.Muted))
                .Relative(new Text($"Quarterly report {quarter}", TextStyle.Muted.WithAlign(TextAlign.Right))));
        document.Add(Cover(figures, created));
        foreach (var (section, body) in Parts)
        {
            document.Add(new Column(8).Item(Heading(section)).Item(body(figures)).Padding(new Edges(0, 0, 0, 18)));
        }
        return document;
    }

    private static Element Cover(QuarterlyFigures figures, DateTimeOffset created)
    {
        var quarter = figures.Quarter;
        return new Column(10)
            .Item(new Spacer(120))
            .Item(new Text("QUARTERLY REPORT", new TextStyle(11, Bold: true, Color: Palette.Grey)))
            .Item(new Text("Awareness & community involvement", new TextStyle(28, Bold: true, Color: Palette.Navy)))
            .Item(new Text(quarter.ToString(), new TextStyle(48, Bold: true, Color: Palette.Series[0])))
            .Item(new Text($"{TeamName} team · {quarter.FirstDay.ToString("d MMMM", Culture)} to {quarter.LastDay.ToString("d MMMM yyyy", Culture)}", new TextStyle(13)))
            .Item(new Spacer(40))
            .Item(new Row(16)
                .Relative(CoverFigure("Awareness", Number(figures.Summary.Awareness), "eyeballs reached"))
                .Relative(CoverFigure("Community involvement", Number(figures.Summary.Involvement.Total), "contributions and invitations")))
            .Item(new Spacer(150))
            .Item(new Rule())
            .Item(new Text($"Prepared by DevRel Hub on {created.ToString("d MMMM yyyy", Culture)} for the executive team.", Caption))
            .Item(new PageBreak());
    }

    private static Element CoverFigure(string label, string value, string unit) => new Column(2)
        .Item(new Text(label.ToUpperInvariant(), new TextStyle(8.5f, Bold: true, Color: Palette.Grey)))
        .Item(new Text(value, BigNumber))
        .Item(new Text(unit, Caption))
        .Padding(new Edges(12, 10, 12, 10)).Background(Palette.Shade);

    private static Element Heading(string text) => new Column(4).Item(new Text(text, TextStyle.Heading)).Item(new Rule(1.2f, Palette.Navy)).KeepWithNext();

    private static Element Subheading(string text) => new Text(text, TextStyle.Subheading).KeepWithNext();

    private static Element Summary(QuarterlyFigures figures)
    {
        var summary = figures.Summary;
        var highlights = new BulletList(spacing: 4);
        foreach (var sentence in Highlights.Of(figures))
        {
            highlights.Item(sentence);
        }
        return new Column(10)
            .Item(new Row(14)
                .Relative(KpiCard("Awareness", summary.Awareness, summary.AwarenessTarget, summary.AwarenessDelta, figures.Quarter))
                .Relative(KpiCard("Community involvement", summary.Involvement.Total, summary.InvolvementTarget, summary.InvolvementDelta, figures.Quarter)))
            .Item(Subheading("Highlights"))
            .Item(highlights)
            .KeepTogether();
    }

    private static Element KpiCard(string name, long value, Attainment? target, KpiDelta delta, Quarter quarter) => new Column(3)
        .Item(new Text(name.ToUpperInvariant(), new TextStyle(8.5f, Bold: true, Color: Palette.Grey)))
        .Item(new Text(Number(value), BigNumber))
        .Item(new Text(target is null
            ? "No target set for the quarter"
            : $"Target {Number(target.Target)} · {(target.Percent is { } percent ? Percent(percent) : "–")} reached", new TextStyle(9.5f, Bold: true)))
        .Item(new Text($"{Signed(delta.QuarterOverQuarter, delta.QuarterOverQuarterPercent)} on {quarter.Previous}", Change(delta.QuarterOverQuarter)))
        .Item(new Text($"{Signed(delta.YearOverYear, delta.YearOverYearPercent)} on {quarter.YearBefore}", Change(delta.YearOverYear)))
        .Padding(12).Border(0.75f, Palette.Rule);

    private static Element Awareness(QuarterlyFigures figures)
    {
        var months = figures.Trend.SelectMany(point => point.ByMonth).ToList();
        var column = new Column(8)
            .Item(Subheading($"Awareness by month, {figures.Trend[0].Quarter} to {figures.Quarter}"))
            .Item(Chart.Line(
                months.Select(month => month.Month.ToString("MMM yy", Culture)).ToList(),
                [new ChartSeries("Awareness", months.Select(month => (double)month.Awareness).ToList())]));
        if (figures.Channels.Count == 0)
        {
            return column.Item(Subheading("Awareness by channel")).Item(new Text("No channel reported an audience this quarter.", Caption));
        }
        // The ring shows the six largest channels and the rest as one slice; the table beside it names each colour.
        const int Shown = 6;
        var table = new Table(TableColumn.Weighted(3), TableColumn.Weighted(2, TextAlign.Right), TableColumn.Weighted(1.4f, TextAlign.Right), TableColumn.Weighted(2.4f, TextAlign.Right))
            .Header("Channel", "Awareness", "Share", $"On {figures.Quarter.Previous}");
        for (var i = 0; i < figures.Channels.Count; i++)
        {
            var channel = figures.Channels[i];
            var swatch = Palette.SeriesColor(Math.Min(i, Shown));
            table.Row(
                new Row(4).Fixed(8, new Text("■", new TextStyle(9, Color: swatch))).Relative(new Text(channel.Label, new TextStyle(9))),
                Cell(Number(channel.Awareness)),
                Cell(Percent(100.0 * channel.Awareness / figures.Summary.Awareness)),
                Cell(Signed(channel.AwarenessDelta.QuarterOverQuarter, channel.AwarenessDelta.QuarterOverQuarterPercent)));
        }
        var slices = figures.Channels.Take(Shown).Select(channel => new DonutSlice(channel.Label, channel.Awareness)).ToList();
        var others = figures.Channels.Skip(Shown).Sum(channel => channel.Awareness);
        if (others > 0)
        {
            slices.Add(new DonutSlice("Other channels", others));
        }
        return column.Item(new Column(6)
            .Item(Subheading("Awareness by channel"))
            .Item(new Row(18).Fixed(150, Chart.Donut(slices, 150, legend: false)).Relative(table)));
    }

    private static Element TopActivities(QuarterlyFigures figures)
    {
        if (figures.Summary.TopActivities.Count == 0)
        {
            return new Text("No activity reported an audience this quarter.", Caption);
        }
        var table = new Table(TableColumn.Fixed(22, TextAlign.Right), TableColumn.Weighted(4), TableColumn.Weighted(1.6f), TableColumn.Weighted(2), TableColumn.Fixed(62), TableColumn.Weighted(1.6f, TextAlign.Right))
            .Header("#", "Activity", "Kind", "Advocate", "Date", "Awareness");
        var rank = 1;
        foreach (var activity in figures.Summary.TopActivities)
        {
            table.Row((rank++).ToString(Culture), activity.Title, activity.Kind, activity.AdvocateName, activity.OccurredOn.ToString("d MMM yyyy", Culture), Number(activity.Awareness));
        }
        return table;
    }

    private static Element Involvement(QuarterlyFigures figures)
    {
        var summary = figures.Summary;
        var (previous, yearBefore) = (figures.Trend.FirstOrDefault(point => point.Quarter == figures.Quarter.Previous), figures.Trend.FirstOrDefault(point => point.Quarter == figures.Quarter.YearBefore));
        var table = new Table(TableColumn.Weighted(3), TableColumn.Weighted(1.3f, TextAlign.Right), TableColumn.Weighted(1.3f, TextAlign.Right), TableColumn.Weighted(1.3f, TextAlign.Right))
            .Header("Component", figures.Quarter.ToString(), figures.Quarter.Previous.ToString(), figures.Quarter.YearBefore.ToString())
            .Row("Community content contributions", Number(summary.Involvement.CommunityContributions), Earlier(previous, i => i.CommunityContributions), Earlier(yearBefore, i => i.CommunityContributions))
            .Row("Invitations to community efforts", Number(summary.Involvement.InvitationsReceived), Earlier(previous, i => i.InvitationsReceived), Earlier(yearBefore, i => i.InvitationsReceived))
            .Row(new Text("Community involvement (KPI)", new TextStyle(9, Bold: true)), Bold(Number(summary.Involvement.Total)), Bold(Earlier(previous, i => i.Total)), Bold(Earlier(yearBefore, i => i.Total)))
            .Row("Open-source contributions by the team (shown, not added)", Number(summary.Involvement.OpenSourceContributions), Earlier(previous, i => i.OpenSourceContributions), Earlier(yearBefore, i => i.OpenSourceContributions));
        var quarters = figures.Trend.Select(point => point.Quarter.ToString()).ToList();
        return new Column(10)
            .Item(table)
            .Item(Subheading($"Involvement by quarter, {figures.Trend[0].Quarter} to {figures.Quarter}"))
            .Item(Chart.StackedBars(quarters,
            [
                new ChartSeries("Community contributions", figures.Trend.Select(point => (double)point.Involvement.CommunityContributions).ToList()),
                new ChartSeries("Invitations", figures.Trend.Select(point => (double)point.Involvement.InvitationsReceived).ToList()),
                new ChartSeries("Open-source contributions", figures.Trend.Select(point => (double)point.Involvement.OpenSourceContributions).ToList()),
            ]));
    }

    private static Element Advocates(QuarterlyFigures figures)
    {
        if (figures.Advocates.Count == 0)
        {
            return new Text("The team has no advocates on record.", Caption);
        }
        var table = new Table(TableColumn.Weighted(2.6f), TableColumn.Weighted(1.2f, TextAlign.Right), TableColumn.Weighted(1.5f, TextAlign.Right), TableColumn.Weighted(1.5f, TextAlign.Right), TableColumn.Weighted(1.5f, TextAlign.Right), TableColumn.Weighted(1.3f, TextAlign.Right))
            .Header("Advocate", "Activities", "Awareness", "Involvement", "Follower growth", "Travel");
        foreach (var advocate in figures.Advocates)
        {
            table.Row(advocate.Name, Number(advocate.Activities), Number(advocate.Awareness), Number(advocate.Involvement.Total),
                advocate.FollowerGrowth.ToString("+#,0;-#,0;0", Culture), Percent(100 * advocate.TravelShare));
        }
        return new Column(6)
            .Item(table)
            .Item(new Text("Involvement per advocate: the contributions their activities inspired and the invitations they received. Travel: the share of the quarter's working days spent travelling.", Caption));
    }

    private static Element Upcoming(QuarterlyFigures figures)
    {
        var next = figures.Quarter.Next;
        var column = new Column(8).Item(Subheading($"Accepted talks in {next}"));
        if (figures.UpcomingTalks.Count == 0)
        {
            column.Item(new Text($"No accepted talks at events in {next} yet.", Caption));
        }
        else
        {
            var talks = new Table(TableColumn.Fixed(62), TableColumn.Weighted(3.5f), TableColumn.Weighted(2), TableColumn.Weighted(2.5f))
                .Header("Date", "Talk", "Advocate", "Event");
            foreach (var talk in figures.UpcomingTalks)
            {
                talks.Row(talk.StartsOn.ToString("d MMM yyyy", Culture), talk.Title, talk.AdvocateName, talk.EventName + Place(talk.City, talk.Online));
            }
            column.Item(talks);
        }
        column.Item(Subheading($"Open calls for papers closing in {next}"));
        if (figures.OpenCfps.Count == 0)
        {
            return column.Item(new Text($"No open calls for papers close in {next}.", Caption));
        }
        var cfps = new Table(TableColumn.Fixed(62), TableColumn.Weighted(3.5f), TableColumn.Weighted(2), TableColumn.Weighted(1.4f, TextAlign.Right))
            .Header("Closes", "Event", "Where", "Submissions");
        foreach (var cfp in figures.OpenCfps)
        {
            cfps.Row(cfp.CfpClosesAt!.Value.ToString("d MMM yyyy", Culture), cfp.Name, (cfp.City ?? "") + (cfp.Online ? (cfp.City is null ? "Online" : " · online") : ""), Number(cfp.Submissions));
        }
        return column.Item(cfps);
    }

    private static Element Hiring(QuarterlyFigures figures)
    {
        var funnel = figures.Funnel;
        var column = new Column(8).Item(new Text(
            $"{Number(funnel.Applications)} applications were active in {figures.Quarter}; {Number(funnel.Offers)} offers were made and {Number(funnel.Hires)} advocates hired.", TextStyle.Body));
        if (funnel.Stages.Count == 0)
        {
            return column;
        }
        var table = new Table(TableColumn.Weighted(3), TableColumn.Weighted(1, TextAlign.Right), TableColumn.Weighted(1, TextAlign.Right), TableColumn.Weighted(1, TextAlign.Right), TableColumn.Weighted(1, TextAlign.Right))
            .Header("Stage", "Entered", "Advanced", "Declined", "Withdrew");
        foreach (var stage in funnel.Stages)
        {
            table.Row(stage.Stage, Number(stage.Entered), Number(stage.Advanced), Number(stage.Declined), Number(stage.Withdrawn));
        }
        return column
            .Item(table)
            .Item(Chart.Bars(funnel.Stages.Select(stage => stage.Stage).ToList(),
            [
                new ChartSeries("Entered", funnel.Stages.Select(stage => (double)stage.Entered).ToList()),
                new ChartSeries("Advanced", funnel.Stages.Select(stage => (double)stage.Advanced).ToList()),
            ], 150));
    }

    private static Element Methodology(QuarterlyFigures figures) => new Column(8)
        .Item(Definition("Awareness", Kpi.AwarenessDefinition))
        .Item(Definition("Community involvement", Kpi.InvolvementDefinition))
        .Item(Definition("Follower growth", Kpi.FollowerGrowthDefinition))
        .Item(Definition("Changes", $"Each figure is compared with the quarter before ({figures.Quarter.Previous}) and the same quarter a year before ({figures.Quarter.YearBefore}); a percentage is shown when the earlier figure is not zero."))
        .Item(Definition("Sources", "Audience figures are observations sent by the channels (video platforms, blog analytics, event organisers) or entered by the team; a corrected figure replaces the earlier one and the correction is kept. Activities, contributions, invitations, trips and talks are what the team logged in DevRel Hub; the hiring funnel counts the applications that were active in the quarter."));

    private static Element Definition(string term, string text) => new Column(2).Item(Subheading(term)).Item(new Text(text));

    private static string Earlier(TrendPoint? point, Func<Involvement, long> part) => point is null ? "–" : Number(part(point.Involvement));

    private static Text Bold(string text) => new(text, new TextStyle(9, Bold: true, Align: TextAlign.Right));

    private static Text Cell(string text) => new(text, new TextStyle(9, Align: TextAlign.Right));

    private static string Signed(long change, double? percent) => KpiDelta.Signed(change, percent, Culture);

    private static TextStyle Change(long change) => new(9, Color: change > 0 ? Palette.Green : change < 0 ? Palette.Red : Palette.Grey);

    private static string Place(string? city, bool online) => city is null ? (online ? " (online)" : "") : $" ({city}{(online ? ", online" : "")})";
}
