using DevRelHub.Identity.Contracts;

namespace DevRelHub.Identity.Users;

/// <param name="FailedSignIns">Wrong passwords in a row since the last right one or lockout.</param>
internal sealed record UserRow(Guid Id, string Email, string DisplayName, string Role, string PasswordHash, int FailedSignIns, DateTimeOffset? LockedUntil)
{
    public const string SelectByEmail = """
        SELECT id AS Id, email AS Email, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash,
               failed_sign_ins AS FailedSignIns, locked_until AS LockedUntil
        FROM identity_user
        WHERE email = @Email
        """;

    public UserSummary ToSummary() => new(Id, Email, DisplayName, Role);

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
