using System.Data.Common;
using System.Globalization;
using Dapper;
using DevRelHub.Data;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Reports.Quarterly;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Outbox;
using Mediator;

namespace DevRelHub.Reports.Delivery;

public enum DeliveryReason
{
    /// <summary>The job that runs after each quarter: once per quarter, whatever the number of hosts.</summary>
    Scheduled,

    /// <summary>An Admin's "send now": every time it is asked.</summary>
    SendNow,
}

/// <summary>
/// Renders a quarter's report, keeps it, and queues it in the outbox for every Executive as an attachment, all in
/// one transaction. A scheduled delivery of a quarter already delivered, or with no Executive to send to, does
/// nothing and answers null.
/// </summary>
public sealed record DeliverQuarterlyReport(Quarter Quarter, DeliveryReason Reason, string By) : IRequest<ReportDelivery?>;

public sealed record ReportDelivery(Guid ReportId, Quarter Quarter, int Recipients);

// Not a command: the pipeline would hold a write transaction while the report's queries and layout run.
internal sealed class DeliverQuarterlyReportHandler(DbSession session, EmailOutbox outbox, ISqlDialect dialect, ISender sender, TimeProvider clock)
    : IRequestHandler<DeliverQuarterlyReport, ReportDelivery?>
{
    private const string Delivered = "SELECT COUNT(*) FROM reports_delivery WHERE quarter = @Quarter";

    private const string ClaimDelivery = """
        INSERT INTO reports_delivery (quarter, document_id, delivered_at) VALUES (@Quarter, @Id, @Now)
        """;

    private const string Keep = """
        INSERT INTO reports_document (id, quarter, reason, created_at, created_by, recipients, size, content)
        VALUES (@Id, @Quarter, @Reason, @Now, @By, @Recipients, @Size, @Content)
        """;

    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public async ValueTask<ReportDelivery?> Handle(DeliverQuarterlyReport request, CancellationToken cancellationToken)
    {
        var scheduled = request.Reason == DeliveryReason.Scheduled;
        var quarter = request.Quarter.ToString();
        var db = await session.ConnectionAsync(cancellationToken);
        if (scheduled && await db.ExecuteScalarAsync<long>(session.Command(Delivered, new { Quarter = quarter }, cancellationToken)) > 0)
        {
            return null;
        }
        var executives = await sender.Send(new ListUsers(Roles.Executive), cancellationToken);
        // A new installation has no Executive yet: the schedule waits for one rather than mark the quarter sent to nobody.
        if (scheduled && executives.Count == 0)
        {
            return null;
        }
        var figures = await sender.Send(new GatherQuarterlyFigures(request.Quarter), cancellationToken);
        var now = clock.GetUtcNow();
        var pdf = QuarterlyReportDocument.Compose(figures, now).Render();
        var id = Guid.CreateVersion7(now);
        try
        {
            return await session.InTransactionAsync(async ct =>
            {
                if (scheduled)
                {
                    await db.ExecuteAsync(session.Command(ClaimDelivery, new { Quarter = quarter, Id = id, Now = now }, ct));
                }
                await db.ExecuteAsync(session.Command(Keep, new
                {
                    Id = id, Quarter = quarter, Reason = request.Reason.ToString(), Now = now, request.By, Recipients = executives.Count, Size = pdf.Length, Content = pdf,
                }, ct));
                var attachment = new EmailAttachment($"devrelhub-{quarter}.pdf", "application/pdf", pdf);
                foreach (var executive in executives)
                {
                    await outbox.EnqueueAsync(new OutgoingEmail(executive.Email, $"DevRel Hub quarterly report {quarter}", Body(executive, figures), [attachment]), null, ct);
                }
                return new ReportDelivery(id, request.Quarter, executives.Count);
            }, cancellationToken);
        }
        catch (DbException e) when (scheduled && dialect.IsUniqueViolation(e))
        {
            return null;
        }
    }

    private static string Body(UserSummary executive, QuarterlyFigures figures)
    {
        var summary = figures.Summary;
        var target = summary.AwarenessTarget is { Percent: { } percent } attained
            ? $" (target {Highlights.Number(attained.Target)}, {Highlights.Percent(percent)} reached)"
            : "";
        return $"""
            Hello {executive.DisplayName},

            attached is the {QuarterlyReportDocument.TeamName} team's report for {figures.Quarter} ({figures.Quarter.FirstDay.ToString("d MMMM", Culture)} to {figures.Quarter.LastDay.ToString("d MMMM yyyy", Culture)}).

            Awareness: {Highlights.Number(summary.Awareness)} eyeballs{target}
            Community involvement: {Highlights.Number(summary.Involvement.Total)}

            {string.Join("\n", Highlights.Of(figures).Select(sentence => "- " + sentence))}

            Earlier reports are under Reports in DevRel Hub.
            """;
    }
}
