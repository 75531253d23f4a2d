using System.Security.Claims;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy.Imports;

internal static class ImportEndpoints
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder advocacy) =>
        advocacy.MapPost("/imports", Import)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Advocate, Roles.Admin))
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data", "text/csv")
            .WithName("ImportActivities")
            .WithSummary("Imports activities from CSV (a form field 'file', or the body as text/csv). A file with a bad line stores nothing and the answer lists every bad line.");

    private static async Task<Results<Ok<ActivityImportResult>, ProblemHttpResult>> Import(HttpRequest request, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large",
                detail: $"A file has at most {MaxBytes / 1024 / 1024} MB; split it.");
        }
        var (name, content) = request.HasFormContentType && (await request.ReadFormAsync(cancellationToken)).Files.GetFile("file") is { } file
            ? (file.FileName, file.OpenReadStream())
            : ("upload.csv", request.Body);
        await using (content)
        {
            var result = await sender.Send(new ImportActivities(name, content, user.Editor()), cancellationToken);
            return result.Succeeded
                ? TypedResults.Ok(result)
                : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Nothing was imported",
                    detail: $"{result.Errors.Select(error => error.Line).Distinct().Count()} line(s) of {name} have problems; fix them and import the file again.",
                    extensions: new Dictionary<string, object?> { ["errors"] = result.Errors, ["lines"] = result.Lines });
        }
    }
}
