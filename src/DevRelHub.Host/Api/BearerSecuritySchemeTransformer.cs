using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DevRelHub.Host.Api;

/// <summary>
/// Tells readers of the OpenAPI document how to authenticate: the bearer token that
/// <c>POST /api/auth/login</c> answers, so the browsable API can send it.
/// </summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    private const string Scheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The accessToken that POST /api/auth/login answers. A browser signed in to DevRel Hub sends its session cookie instead.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] });
        return Task.CompletedTask;
    }
}
