using System.Security.Claims;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Metrics.Observations.Import;

internal static class ImportObservationsEndpoint
{
    public static void Map(IEndpointRouteBuilder metrics) =>
        metrics.MapPost("/imports", Import)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Advocate, Roles.Admin))
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data", "text/csv")
            .WithName("ImportObservations")
            .WithSummary("Imports observations from CSV (a form field 'file', or the body as text/csv). A file with a bad line stores nothing and the answer lists every bad line.");

    private static async Task<Results<Ok<ObservationImportResult>, ProblemHttpResult>> Import(HttpRequest request, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ObservationCsv.MaxBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large",
                detail: $"A file has at most {ObservationCsv.MaxBytes / 1024 / 1024} MB; split it.");
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ObservationCsv.MaxBytes;
        }
        var form = new FormOptions { MultipartBodyLengthLimit = ObservationCsv.MaxBytes };
        var (name, content) = request.HasFormContentType && (await request.ReadFormAsync(form, cancellationToken)).Files.GetFile("file") is { } file
            ? (file.FileName, file.OpenReadStream())
            : ("upload.csv", request.Body);
        await using (content)
        {
            var result = await sender.Send(new ImportObservations(name, content, user.Email()), cancellationToken);
            return result.Succeeded
                ? TypedResults.Ok(result)
                : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Nothing was imported",
                    detail: $"{result.Errors.Select(error => error.Line).Distinct().Count()} line(s) of {name} have problems; fix them and import the file again.",
                    extensions: new Dictionary<string, object?> { ["errors"] = result.Errors, ["lines"] = result.Lines });
        }
    }
}
