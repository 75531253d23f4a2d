using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace DevRelHub.Advocacy.Advocates.Create;

internal sealed class CreateAdvocateValidator : AbstractValidator<CreateAdvocate>
{
    public CreateAdvocateValidator()
    {
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Email).NotEmpty().MaximumLength(254).EmailAddress();
    }
}

internal sealed class CreateAdvocateHandler(DbSession session, TimeProvider clock)
    : ICommandHandler<CreateAdvocate, AdvocateSummary>
{
    private const string Insert = """
        INSERT INTO advocacy_advocate (id, display_name, email, created_at)
        VALUES (@Id, @DisplayName, @Email, @CreatedAt)
        """;

    public async ValueTask<AdvocateSummary> Handle(CreateAdvocate command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var advocate = new AdvocateSummary(Guid.CreateVersion7(now), command.DisplayName.Trim(), command.Email.Trim().ToLowerInvariant());
        if (!await session.TryExecuteUniqueAsync(Insert, new { advocate.Id, advocate.DisplayName, advocate.Email, CreatedAt = now }, cancellationToken))
        {
            throw new ValidationException([new ValidationFailure(nameof(command.Email), $"An advocate with the e-mail {advocate.Email} already exists.")]);
        }
        return advocate;
    }
}
