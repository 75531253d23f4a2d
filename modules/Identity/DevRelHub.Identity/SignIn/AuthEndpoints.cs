using System.Security.Claims;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Identity.SignIn;

internal sealed record LoginRequest(string Email, string Password);

internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(IdentityModule.SignInPolicy)
            .WithSummary("Signs in: sets the session cookie and answers a bearer token for scripts.");
        auth.MapPost("/logout", (Delegate)Logout).RequireAuthorization();
        auth.MapGet("/me", Me).RequireAuthorization();
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> Login(
        LoginRequest request, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var check = await sender.Send(new VerifyCredentials(request.Email, request.Password), cancellationToken);
        if (check.User is null)
        {
            return TypedResults.Problem(
                title: check.LockedUntil is null ? "Sign-in failed" : "Account locked",
                detail: check.Refusal,
                statusCode: check.LockedUntil is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status429TooManyRequests);
        }
        var principal = UserPrincipal.Create(check.User);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return TypedResults.SignIn(principal, authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    private static async Task<NoContent> Logout(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static Ok<UserSummary> Me(ClaimsPrincipal user) => TypedResults.Ok(new UserSummary(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        user.FindFirstValue(ClaimTypes.Email)!,
        user.Identity!.Name!,
        user.FindFirstValue(ClaimTypes.Role)!));
}
