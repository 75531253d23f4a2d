using System.Data.Common;
using System.Text.Json;
using DevRelHub.Data;
using DevRelHub.Workflows.Activities;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DevRelHub.Host.Api;

/// <summary>Turns what went wrong into a ProblemDetails answer a person can act on, never a stack trace.</summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ISqlDialect dialect) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationException validation => new ValidationProblemDetails(validation.Errors
                .GroupBy(error => string.Join('.', error.PropertyName.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName)))
                .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).Distinct().ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid",
                Detail = "Correct the fields listed in errors and send it again.",
            },
            BadHttpRequestException badRequest => new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read",
                Detail = badRequest.InnerException is JsonException json ? $"{badRequest.Message} {json.Message}" : WithFormat(badRequest.Message, httpContext),
            },
            NotFoundException notFound => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = notFound.Message },
            ForbiddenException forbidden => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Not yours to see or do", Detail = forbidden.Message },
            ConflictException conflict => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Nothing was changed", Detail = conflict.Message },
            StimulusRefusedException { Forbidden: true } refused => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Not yours to do", Detail = refused.Message },
            StimulusRefusedException refused => new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "The step cannot go that way", Detail = refused.Message },
            DbException database when dialect.IsUnavailable(database) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is not answering",
                Detail = "The request could not reach the database; send it again in a few seconds.",
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    // "Failed to bind parameter "Quarter quarter" from "2026-Q5"." says what failed, not how to write it: a parameter
    // type that describes its format ([Description]) adds that sentence.
    private static string WithFormat(string message, HttpContext httpContext)
    {
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var parameters = endpoint?.Metadata.GetMetadata<System.Reflection.MethodInfo>()?.GetParameters() ?? [];
        var format = parameters
            .Where(parameter => message.Contains($"\"{parameter.ParameterType.Name} {parameter.Name}\"", StringComparison.Ordinal))
            .Select(parameter => (Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType)
                .GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false).OfType<System.ComponentModel.DescriptionAttribute>().FirstOrDefault()?.Description)
            .FirstOrDefault(description => description is not null);
        return format is null ? message : $"{message} {format}";
    }
}
