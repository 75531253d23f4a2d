using System.Security.Claims;

namespace DevRelHub.Identity.Contracts;

public static class Principals
{
    /// <summary>The signed-in user's e-mail in lower case: what other modules record as who did something.</summary>
    public static string Email(this ClaimsPrincipal user) => (user.FindFirst(ClaimTypes.Email)?.Value ?? user.Identity?.Name ?? "unknown").ToLowerInvariant();
}
