using DevRelHub.Data;
using DevRelHub.Identity.Contracts;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace DevRelHub.Identity.Users.Create;

internal sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Role).NotEmpty().Must(role => Roles.All.Contains(role))
            .WithMessage($"Role must be one of: {string.Join(", ", Roles.All)}.");
        RuleFor(x => x.Password).NotEmpty().MinimumLength(8).MaximumLength(200);
    }
}

internal sealed class CreateUserHandler(DbSession session, IPasswordHasher<UserSummary> hasher, TimeProvider clock)
    : ICommandHandler<CreateUser, UserSummary>
{
    private const string Insert = """
        INSERT INTO identity_user (id, email, display_name, role, password_hash, created_at)
        VALUES (@Id, @Email, @DisplayName, @Role, @PasswordHash, @CreatedAt)
        """;

    public async ValueTask<UserSummary> Handle(CreateUser command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var user = new UserSummary(Guid.CreateVersion7(now), UserRow.NormalizeEmail(command.Email), command.DisplayName.Trim(), command.Role);
        var row = new
        {
            user.Id,
            user.Email,
            user.DisplayName,
            user.Role,
            PasswordHash = hasher.HashPassword(user, command.Password),
            CreatedAt = now,
        };
        if (!await session.TryExecuteUniqueAsync(Insert, row, cancellationToken))
        {
            throw new ValidationException([new ValidationFailure(nameof(command.Email), $"A user with the e-mail {user.Email} already exists.")]);
        }
        return user;
    }
}
