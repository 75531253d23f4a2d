using DevRelHub.Identity.Contracts;

namespace DevRelHub.Identity.Users;

internal sealed record UserRow(Guid Id, string Email, string DisplayName, string Role, string PasswordHash)
{
    public const string SelectByEmail = """
        SELECT id AS Id, email AS Email, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash
        FROM identity_user
        WHERE email = @Email
        """;

    public UserSummary ToSummary() => new(Id, Email, DisplayName, Role);

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
