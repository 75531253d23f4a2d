using Dapper;
using DevRelHub.Data;
using DevRelHub.Identity.Contracts;
using DevRelHub.Identity.Users;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace DevRelHub.Identity.SignIn;

/// <summary>
/// Checks an e-mail and password. <see cref="MaxFailures"/> wrong passwords in a row lock the account for
/// <see cref="LockoutMinutes"/> minutes, in the database, so every host refuses it; a right one resets the count.
/// </summary>
internal sealed record VerifyCredentials(string Email, string Password) : ICommand<CredentialCheck>
{
    public const int MaxFailures = 5;
    public const int LockoutMinutes = 15;
}

/// <summary>The user when the password was right; <see cref="LockedUntil"/> when the account is locked.</summary>
internal sealed record CredentialCheck(UserSummary? User, DateTimeOffset? LockedUntil)
{
    public string Refusal => LockedUntil is { } until
        ? $"Too many wrong passwords: this account is locked until {until:HH:mm} UTC. Try again then."
        : "The e-mail or the password is wrong.";
}

internal sealed class VerifyCredentialsValidator : AbstractValidator<VerifyCredentials>
{
    public VerifyCredentialsValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(254);
        RuleFor(x => x.Password).NotEmpty().MaximumLength(200);
    }
}

internal sealed class VerifyCredentialsHandler(DbSession session, IPasswordHasher<UserSummary> hasher, TimeProvider clock)
    : ICommandHandler<VerifyCredentials, CredentialCheck>
{
    private const string Record = "UPDATE identity_user SET failed_sign_ins = @Failures, locked_until = @LockedUntil WHERE id = @Id";

    public async ValueTask<CredentialCheck> Handle(VerifyCredentials command, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        var row = await db.QuerySingleOrDefaultAsync<UserRow>(session.Command(UserRow.SelectByEmail, new { Email = UserRow.NormalizeEmail(command.Email) }, cancellationToken));
        if (row is null)
        {
            return new CredentialCheck(null, null);
        }
        var now = clock.GetUtcNow();
        if (row.LockedUntil > now)
        {
            return new CredentialCheck(null, row.LockedUntil);
        }
        var user = row.ToSummary();
        if (hasher.VerifyHashedPassword(user, row.PasswordHash, command.Password) != PasswordVerificationResult.Failed)
        {
            if (row.FailedSignIns > 0 || row.LockedUntil is not null)
            {
                await db.ExecuteAsync(session.Command(Record, new { Failures = 0, LockedUntil = (DateTimeOffset?)null, row.Id }, cancellationToken));
            }
            return new CredentialCheck(user, null);
        }
        var failures = row.FailedSignIns + 1;
        DateTimeOffset? lockedUntil = failures >= VerifyCredentials.MaxFailures ? now.AddMinutes(VerifyCredentials.LockoutMinutes) : null;
        await db.ExecuteAsync(session.Command(Record, new { Failures = lockedUntil is null ? failures : 0, LockedUntil = lockedUntil, row.Id }, cancellationToken));
        return new CredentialCheck(null, lockedUntil);
    }
}
