using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace DevRelHub.Advocacy.Advocates;

internal sealed class SocialAccountValidator : AbstractValidator<SocialAccount>
{
    public SocialAccountValidator()
    {
        RuleFor(x => x.Network).NotEmpty().MaximumLength(40);
        RuleFor(x => x.Handle).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Url).OptionalWebAddress();
    }
}

internal sealed class CreateAdvocateValidator : AbstractValidator<CreateAdvocate>
{
    public CreateAdvocateValidator()
    {
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(x => x.Level).IsInEnum();
        RuleFor(x => x.TimeZone).TimeZone();
        RuleForEach(x => x.Specialties).IsInEnum();
        RuleForEach(x => x.Accounts).SetValidator(new SocialAccountValidator());
        RuleFor(x => x.Accounts).Must(accounts => accounts is null || accounts.Select(a => a.Network.Trim().ToLowerInvariant()).Distinct().Count() == accounts.Count)
            .WithMessage("Each network is listed once.");
    }
}

internal sealed class CreateAdvocateHandler(DbSession session, TimeProvider clock) : ICommandHandler<CreateAdvocate, AdvocateSummary>
{
    private const string Insert = """
        INSERT INTO advocacy_advocate (id, display_name, email, level, time_zone, specialties, created_at)
        VALUES (@Id, @DisplayName, @Email, @Level, @TimeZone, @Specialties, @CreatedAt)
        """;

    public async ValueTask<AdvocateSummary> Handle(CreateAdvocate command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var advocate = new AdvocateSummary(Guid.CreateVersion7(now), command.DisplayName.Trim(), command.Email.Trim().ToLowerInvariant());
        var row = new
        {
            advocate.Id, advocate.DisplayName, advocate.Email, Level = command.Level.ToString(), TimeZone = Validation.Clean(command.TimeZone),
            Specialties = AdvocateStore.FormatSpecialties(command.Specialties), CreatedAt = now,
        };
        if (!await session.TryExecuteUniqueAsync(Insert, row, cancellationToken))
        {
            throw new ValidationException([new ValidationFailure(nameof(command.Email), $"An advocate with the e-mail {advocate.Email} already exists.")]);
        }
        await AdvocateStore.ReplaceAccountsAsync(await Sql.OfAsync(session, cancellationToken), advocate.Id, command.Accounts ?? []);
        return advocate;
    }
}

internal sealed class UpdateAdvocateValidator : AbstractValidator<UpdateAdvocate>
{
    public UpdateAdvocateValidator()
    {
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Level).IsInEnum();
        RuleFor(x => x.TimeZone).TimeZone();
        RuleForEach(x => x.Specialties).IsInEnum();
        RuleForEach(x => x.Accounts).SetValidator(new SocialAccountValidator());
        RuleFor(x => x.Accounts).Must(accounts => accounts.Select(a => a.Network.Trim().ToLowerInvariant()).Distinct().Count() == accounts.Count)
            .WithMessage("Each network is listed once.");
    }
}

internal sealed class UpdateAdvocateHandler(DbSession session, TimeProvider clock) : ICommandHandler<UpdateAdvocate, AdvocateProfile>
{
    private const string Update = """
        UPDATE advocacy_advocate SET display_name = @DisplayName, level = @Level, time_zone = @TimeZone, specialties = @Specialties, updated_at = @UpdatedAt
        WHERE id = @Id
        """;

    public async ValueTask<AdvocateProfile> Handle(UpdateAdvocate command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        await Ownership.EnsureMayEditAsync(db, command.Id, command.By, nameof(command.Id));
        await db.ExecuteAsync(Update, new
        {
            command.Id, DisplayName = command.DisplayName.Trim(), Level = command.Level.ToString(), TimeZone = Validation.Clean(command.TimeZone),
            Specialties = AdvocateStore.FormatSpecialties(command.Specialties), UpdatedAt = clock.GetUtcNow(),
        });
        await AdvocateStore.ReplaceAccountsAsync(db, command.Id, command.Accounts);
        return (await AdvocateStore.FindAsync(db, command.Id))!;
    }
}

internal sealed class RecordFollowersValidator : AbstractValidator<RecordFollowers>
{
    public RecordFollowersValidator()
    {
        RuleFor(x => x.Counts).NotEmpty();
        RuleForEach(x => x.Counts).ChildRules(count =>
        {
            count.RuleFor(x => x.Network).NotEmpty().MaximumLength(40);
            count.RuleFor(x => x.CountedOn).PlausibleDate();
            count.RuleFor(x => x.Followers).GreaterThanOrEqualTo(0);
        });
    }
}

internal sealed class RecordFollowersHandler(DbSession session) : ICommandHandler<RecordFollowers, AdvocateProfile>
{
    public async ValueTask<AdvocateProfile> Handle(RecordFollowers command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        await Ownership.EnsureMayEditAsync(db, command.AdvocateId, command.By, nameof(command.AdvocateId));
        await AdvocateStore.RecordFollowersAsync(db, command.AdvocateId, command.Counts);
        return (await AdvocateStore.FindAsync(db, command.AdvocateId))!;
    }
}

internal sealed class GetAdvocateHandler(DbSession session) : IQueryHandler<GetAdvocate, AdvocateProfile?>
{
    public async ValueTask<AdvocateProfile?> Handle(GetAdvocate query, CancellationToken cancellationToken) =>
        await AdvocateStore.FindAsync(await Sql.OfAsync(session, cancellationToken), query.Id);
}

internal sealed class ListAdvocatesHandler(DbSession session) : IQueryHandler<ListAdvocates, IReadOnlyList<AdvocateSummary>>
{
    private const string Select = "SELECT id AS Id, display_name AS DisplayName, email AS Email FROM advocacy_advocate ORDER BY display_name, id";

    public async ValueTask<IReadOnlyList<AdvocateSummary>> Handle(ListAdvocates query, CancellationToken cancellationToken) =>
        await (await Sql.OfAsync(session, cancellationToken)).QueryAsync<AdvocateSummary>(Select);
}

internal sealed class FindAdvocateHandler(DbSession session) : IQueryHandler<FindAdvocate, AdvocateSummary?>
{
    private const string Select = "SELECT id AS Id, display_name AS DisplayName, email AS Email FROM advocacy_advocate WHERE email = @Email";

    public async ValueTask<AdvocateSummary?> Handle(FindAdvocate query, CancellationToken cancellationToken) =>
        await (await Sql.OfAsync(session, cancellationToken)).SingleOrDefaultAsync<AdvocateSummary>(Select, new { Email = query.Email.Trim().ToLowerInvariant() });
}
