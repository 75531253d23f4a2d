using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace DevRelHub.Hiring.Candidates.Create;

internal sealed class CreateCandidateValidator : AbstractValidator<CreateCandidate>
{
    public CreateCandidateValidator()
    {
        RuleFor(x => x.FullName).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(x => x.TimeZone).MaximumLength(64)
            .Must(zone => zone is null || TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            .WithMessage("Time zone must be an IANA zone such as Europe/Berlin or America/New_York.");
    }
}

internal sealed class CreateCandidateHandler(DbSession session, TimeProvider clock)
    : ICommandHandler<CreateCandidate, CandidateSummary>
{
    private const string Insert = """
        INSERT INTO hiring_candidate (id, full_name, email, time_zone, created_at)
        VALUES (@Id, @FullName, @Email, @TimeZone, @CreatedAt)
        """;

    public async ValueTask<CandidateSummary> Handle(CreateCandidate command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var candidate = new CandidateSummary(
            Guid.CreateVersion7(now),
            command.FullName.Trim(),
            command.Email.Trim().ToLowerInvariant(),
            string.IsNullOrWhiteSpace(command.TimeZone) ? null : command.TimeZone.Trim(),
            now);
        if (!await session.TryExecuteUniqueAsync(Insert, candidate, cancellationToken))
        {
            throw new ValidationException([new ValidationFailure(nameof(command.Email), $"A candidate with the e-mail {candidate.Email} already exists.")]);
        }
        return candidate;
    }
}
