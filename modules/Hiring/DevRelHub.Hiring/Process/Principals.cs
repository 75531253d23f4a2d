using System.Security.Claims;
using DevRelHub.Identity.Contracts;

namespace DevRelHub.Hiring.Process;

internal static class Principals
{
    /// <summary>Who acts, as timelines and the workflow journal name them: the signed-in user's e-mail.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Email();

    public static IReadOnlyCollection<string> RolesOf(this ClaimsPrincipal user) => [.. user.FindAll(ClaimTypes.Role).Select(claim => claim.Value)];
}
