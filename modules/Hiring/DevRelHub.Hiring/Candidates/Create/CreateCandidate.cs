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
        RuleFor(x => x.Phone).MaximumLength(64);
        RuleFor(x => x.Links).Must(links => links is null || links.Count <= 20).WithMessage("At most 20 links.");
        RuleForEach(x => x.Links).Must(link => Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .WithMessage("'{PropertyValue}' is not an http(s) link.");
        RuleFor(x => x.FollowerCount).GreaterThanOrEqualTo(0);
        RuleFor(x => x.YearsSpeaking).InclusiveBetween(0, 60);
        RuleFor(x => x.LargestAudience).GreaterThanOrEqualTo(0);
        RuleForEach(x => x.Specialties).IsInEnum();
        RuleFor(x => x.OpenSourceRoles).Must(roles => roles is null || roles.Count <= 20).WithMessage("At most 20 open-source roles.");
        RuleForEach(x => x.OpenSourceRoles).NotEmpty().MaximumLength(200);
    }
}

internal sealed class CreateCandidateHandler(DbSession session, TimeProvider clock)
    : ICommandHandler<CreateCandidate, CandidateSummary>
{
    private const string Insert = """
        INSERT INTO hiring_candidate (id, full_name, email, time_zone, phone, links, follower_count, years_speaking, largest_audience,
            specialties, open_source_roles, created_at)
        VALUES (@Id, @FullName, @Email, @TimeZone, @Phone, @Links, @FollowerCount, @YearsSpeaking, @LargestAudience,
            @Specialties, @OpenSourceRoles, @CreatedAt)
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
        var row = new
        {
            candidate.Id, candidate.FullName, candidate.Email, candidate.TimeZone, candidate.CreatedAt,
            Phone = string.IsNullOrWhiteSpace(command.Phone) ? null : command.Phone.Trim(),
            Links = CandidateLists.Write(command.Links),
            command.FollowerCount,
            command.YearsSpeaking,
            command.LargestAudience,
            Specialties = CandidateLists.Write(command.Specialties?.Distinct().Select(specialty => specialty.ToString())),
            OpenSourceRoles = CandidateLists.Write(command.OpenSourceRoles),
        };
        if (!await session.TryExecuteUniqueAsync(Insert, row, cancellationToken))
        {
            throw new ValidationException([new ValidationFailure(nameof(command.Email), $"A candidate with the e-mail {candidate.Email} already exists.")]);
        }
        return candidate;
    }
}
