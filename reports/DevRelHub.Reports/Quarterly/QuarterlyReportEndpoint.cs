using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Reports.Quarterly;

internal static class QuarterlyReportEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapGet("/quarterly/{quarter}.pdf", Download)
            .RequireAuthorization(policy => policy.RequireRole(ReportsModule.Readers))
            .WithName("DownloadQuarterlyReport")
            .WithSummary("The quarterly awareness report as a PDF (quarter written 2026-Q3).")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");

    private static async Task<FileContentHttpResult> Download(Quarter quarter, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.File(await sender.Send(new RenderQuarterlyReport(quarter), cancellationToken), "application/pdf", $"devrelhub-{quarter}.pdf");
}
