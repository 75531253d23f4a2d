using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Identity.Users.Create;

internal static class CreateUserEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/identity/users", Handle)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithName("CreateUser")
            .WithSummary("Creates a user who can sign in (Admin).");

    private static async Task<Created<UserSummary>> Handle(CreateUser request, ISender sender, CancellationToken cancellationToken)
    {
        var user = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/identity/users/{user.Id}", user);
    }
}
