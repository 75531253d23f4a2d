using System.Security.Claims;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Reports.Delivery;

internal static class DeliveryEndpoints
{
    public static void Map(IEndpointRouteBuilder reports)
    {
        reports.MapGet("/", List).RequireAuthorization(policy => policy.RequireRole(ReportsModule.Readers))
            .WithName("ListGeneratedReports").WithSummary("The reports generated and sent to the executives, newest first.");
        reports.MapGet("/{id:guid}.pdf", Download).RequireAuthorization(policy => policy.RequireRole(ReportsModule.Readers))
            .WithName("DownloadGeneratedReport").WithSummary("A generated report's PDF, as it was sent.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        reports.MapPost("/quarterly/{quarter}/send", Send).RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithName("SendQuarterlyReport").WithSummary("Renders a quarter's report now and e-mails it to every Executive (Admin).");
    }

    private static async Task<Ok<IReadOnlyList<GeneratedReport>>> List(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListGeneratedReports(), cancellationToken));

    private static async Task<Results<FileContentHttpResult, NotFound>> Download(Guid id, ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new GetGeneratedReport(id), cancellationToken) is { } file
            ? TypedResults.File(file.Content, "application/pdf", $"devrelhub-{file.Quarter}.pdf")
            : TypedResults.NotFound();

    private static async Task<Ok<ReportDelivery>> Send(Quarter quarter, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok((await sender.Send(new DeliverQuarterlyReport(quarter, DeliveryReason.SendNow, user.Email()), cancellationToken))!);
}
