using Dapper;
using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Identity.Contracts;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Hiring.Openings;

internal sealed class CreateOpeningValidator : AbstractValidator<CreateOpening>
{
    public CreateOpeningValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Level).IsInEnum();
        RuleFor(x => x.Description).MaximumLength(4000);
        RuleFor(x => x.Requirements).Must(list => list is null || list.Count is >= 1 and <= 40)
            .WithMessage("An opening lists 1 to 40 requirements, or none to take its level's.");
        RuleForEach(x => x.Requirements).NotEmpty().MaximumLength(500);
    }
}

internal sealed class CreateOpeningHandler(DbSession session, TimeProvider clock) : ICommandHandler<CreateOpening, OpeningSummary>
{
    private const string Insert = """
        INSERT INTO hiring_opening (id, title, level, description, is_open, created_at) VALUES (@Id, @Title, @Level, @Description, @IsOpen, @CreatedAt)
        """;

    private const string InsertRequirement = "INSERT INTO hiring_opening_requirement (opening_id, position, text) VALUES (@OpeningId, @Position, @Text)";

    public async ValueTask<OpeningSummary> Handle(CreateOpening command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var opening = new OpeningSummary(Guid.CreateVersion7(now), command.Title.Trim(), command.Level, command.Description?.Trim(), IsOpen: true,
            [.. (command.Requirements ?? Requirements.For(command.Level)).Select(text => text.Trim())], now);
        var db = await session.ConnectionAsync(cancellationToken);
        await db.ExecuteAsync(session.Command(Insert, new { opening.Id, opening.Title, Level = opening.Level.ToString(), opening.Description, opening.IsOpen, opening.CreatedAt }, cancellationToken));
        await db.ExecuteAsync(session.Command(InsertRequirement,
            opening.Requirements.Select((text, position) => new { OpeningId = opening.Id, Position = position + 1, Text = text }), cancellationToken));
        return opening;
    }
}

internal sealed class ListOpeningsHandler(DbSession session) : IQueryHandler<ListOpenings, IReadOnlyList<OpeningSummary>>
{
    private const string Select = """
        SELECT o.id AS Id, o.title AS Title, o.level AS Level, o.description AS Description, o.is_open AS IsOpen, o.created_at AS CreatedAt,
               r.position AS Position, r.text AS Text
        FROM hiring_opening o LEFT JOIN hiring_opening_requirement r ON r.opening_id = o.id
        """;

    public async ValueTask<IReadOnlyList<OpeningSummary>> Handle(ListOpenings query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        var rows = await db.QueryAsync<Row>(session.Command(Select + (query.OpenOnly ? " WHERE o.is_open = @IsOpen" : "") + " ORDER BY o.created_at, o.id, r.position",
            new { IsOpen = true }, cancellationToken));
        return [.. rows.GroupBy(row => row.Id).Select(opening =>
        {
            var first = opening.First();
            return new OpeningSummary(first.Id, first.Title, Enum.Parse<OpeningLevel>(first.Level), first.Description, first.IsOpen,
                [.. opening.Where(row => row.Text is not null).Select(row => row.Text!)], first.CreatedAt);
        })];
    }

    private sealed record Row(Guid Id, string Title, string Level, string? Description, bool IsOpen, DateTimeOffset CreatedAt, int? Position, string? Text);
}

internal static class OpeningEndpoints
{
    public static void Map(IEndpointRouteBuilder hiring)
    {
        hiring.MapGet("/openings", (bool? openOnly, ISender sender, CancellationToken cancellationToken) => sender.Send(new ListOpenings(openOnly ?? false), cancellationToken))
            .RequireAuthorization(policy => policy.RequireRole(HiringRoles.Pipeline))
            .WithName("ListOpenings").WithSummary("Openings with their requirements (the screening checklist).");
        hiring.MapPost("/openings", async Task<Created<OpeningSummary>> (CreateOpening request, ISender sender, CancellationToken cancellationToken) =>
            {
                var opening = await sender.Send(request, cancellationToken);
                return TypedResults.Created($"/api/hiring/openings/{opening.Id}", opening);
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.Recruiter, Roles.HiringManager, Roles.Admin))
            .WithName("CreateOpening").WithSummary("Opens a position; without requirements, its level's from the brief.");
    }
}
