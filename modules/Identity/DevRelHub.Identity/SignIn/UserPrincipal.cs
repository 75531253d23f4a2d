using System.Security.Claims;
using DevRelHub.Identity.Contracts;

namespace DevRelHub.Identity.SignIn;

internal static class UserPrincipal
{
    public const string AuthenticationType = "DevRelHub";

    public static ClaimsPrincipal Create(UserSummary user) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Name, user.DisplayName),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(ClaimTypes.Role, user.Role),
        ],
        AuthenticationType,
        ClaimTypes.Name,
        ClaimTypes.Role));
}
