using Dapper;
using DevRelHub.Data;
using DevRelHub.Identity.Contracts;
using DevRelHub.Identity.Users;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace DevRelHub.Identity.SignIn;

/// <summary>The user with this e-mail and password, or null.</summary>
internal sealed record VerifyCredentials(string Email, string Password) : IQuery<UserSummary?>;

internal sealed class VerifyCredentialsValidator : AbstractValidator<VerifyCredentials>
{
    public VerifyCredentialsValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(254);
        RuleFor(x => x.Password).NotEmpty().MaximumLength(200);
    }
}

internal sealed class VerifyCredentialsHandler(DbSession session, IPasswordHasher<UserSummary> hasher)
    : IQueryHandler<VerifyCredentials, UserSummary?>
{
    public async ValueTask<UserSummary?> Handle(VerifyCredentials query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        var row = await db.QuerySingleOrDefaultAsync<UserRow>(
            session.Command(UserRow.SelectByEmail, new { Email = UserRow.NormalizeEmail(query.Email) }, cancellationToken));
        if (row is null)
        {
            return null;
        }
        var user = row.ToSummary();
        return hasher.VerifyHashedPassword(user, row.PasswordHash, query.Password) == PasswordVerificationResult.Failed ? null : user;
    }
}
