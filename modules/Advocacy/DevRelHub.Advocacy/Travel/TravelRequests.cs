using System.Security.Claims;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Identity.Contracts;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy.Travel;

internal sealed class TripInputValidator : AbstractValidator<TripInput>
{
    public TripInputValidator()
    {
        RuleFor(x => x.AdvocateId).NotEmpty();
        RuleFor(x => x.Destination).NotEmpty().MaximumLength(200);
        RuleFor(x => x.DepartsOn).PlausibleDate();
        RuleFor(x => x.ReturnsOn).GreaterThanOrEqualTo(x => x.DepartsOn).WithMessage("The trip must not end before it starts.")
            .Must((trip, returns) => returns.DayNumber - trip.DepartsOn.DayNumber <= Trips.MaxDays).WithMessage($"A trip lasts at most {Trips.MaxDays + 1} days.");
        RuleFor(x => x.Purpose).MaximumLength(500);
    }
}

internal sealed class CreateTripValidator : AbstractValidator<CreateTrip>
{
    public CreateTripValidator() => RuleFor(x => x.Trip).NotNull().SetValidator(new TripInputValidator());
}

internal sealed class UpdateTripValidator : AbstractValidator<UpdateTrip>
{
    public UpdateTripValidator() => RuleFor(x => x.Trip).NotNull().SetValidator(new TripInputValidator());
}

internal static class TripStore
{
    public const string Select = """
        SELECT t.id AS Id, t.advocate_id AS AdvocateId, v.display_name AS AdvocateName, t.destination AS Destination, t.departs_on AS DepartsOn,
               t.returns_on AS ReturnsOn, t.event_id AS EventId, e.name AS EventName, t.purpose AS Purpose
        FROM advocacy_trip t
        JOIN advocacy_advocate v ON v.id = t.advocate_id
        LEFT JOIN advocacy_event e ON e.id = t.event_id
        """;

    private const string EventExists = "SELECT COUNT(*) FROM advocacy_event WHERE id = @Id";

    public static Task<TripRecord?> FindAsync(Sql db, Guid id) => db.SingleOrDefaultAsync<TripRecord>(Select + "\nWHERE t.id = @Id", new { Id = id });

    public static async Task<object> RowAsync(Sql db, Guid id, TripInput trip, Editor by, DateTimeOffset now)
    {
        await Ownership.EnsureMayEditAsync(db, trip.AdvocateId, by, "Trip.AdvocateId");
        if (trip.EventId is { } eventId && await db.ScalarAsync<int>(EventExists, new { Id = eventId }) == 0)
        {
            throw new ValidationException([new ValidationFailure("Trip.EventId", $"There is no event {eventId}.")]);
        }
        return new
        {
            Id = id, trip.AdvocateId, trip.EventId, Destination = trip.Destination.Trim(), trip.DepartsOn, trip.ReturnsOn,
            Purpose = Validation.Clean(trip.Purpose), CreatedAt = now,
        };
    }
}

internal sealed class CreateTripHandler(DbSession session, TimeProvider clock) : ICommandHandler<CreateTrip, TripRecord>
{
    private const string Insert = """
        INSERT INTO advocacy_trip (id, advocate_id, event_id, destination, departs_on, returns_on, purpose, created_at)
        VALUES (@Id, @AdvocateId, @EventId, @Destination, @DepartsOn, @ReturnsOn, @Purpose, @CreatedAt)
        """;

    public async ValueTask<TripRecord> Handle(CreateTrip command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await db.ExecuteAsync(Insert, await TripStore.RowAsync(db, id, command.Trip, command.By, now));
        return (await TripStore.FindAsync(db, id))!;
    }
}

internal sealed class UpdateTripHandler(DbSession session, TimeProvider clock) : ICommandHandler<UpdateTrip, TripRecord>
{
    private const string Update = """
        UPDATE advocacy_trip SET advocate_id = @AdvocateId, event_id = @EventId, destination = @Destination, departs_on = @DepartsOn,
               returns_on = @ReturnsOn, purpose = @Purpose
        WHERE id = @Id
        """;

    public async ValueTask<TripRecord> Handle(UpdateTrip command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var trip = await TripStore.FindAsync(db, command.Id) ?? throw new NotFoundException($"There is no trip {command.Id}.");
        await Ownership.EnsureMayEditAsync(db, trip.AdvocateId, command.By, "Trip.AdvocateId");
        await db.ExecuteAsync(Update, await TripStore.RowAsync(db, command.Id, command.Trip, command.By, clock.GetUtcNow()));
        return (await TripStore.FindAsync(db, command.Id))!;
    }
}

internal sealed class DeleteTripHandler(DbSession session) : ICommandHandler<DeleteTrip>
{
    public async ValueTask<Unit> Handle(DeleteTrip command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var trip = await TripStore.FindAsync(db, command.Id) ?? throw new NotFoundException($"There is no trip {command.Id}.");
        await Ownership.EnsureMayEditAsync(db, trip.AdvocateId, command.By, "AdvocateId");
        await db.ExecuteAsync("DELETE FROM advocacy_trip WHERE id = @Id", new { command.Id });
        return Unit.Value;
    }
}

internal sealed class ListTripsHandler(DbSession session, ISqlDialect dialect) : IQueryHandler<ListTrips, IReadOnlyList<TripRecord>>
{
    public async ValueTask<IReadOnlyList<TripRecord>> Handle(ListTrips query, CancellationToken cancellationToken)
    {
        var where = Filter.Where(
            (query.AdvocateId is not null, "t.advocate_id = @AdvocateId"),
            (query.From is not null, "t.departs_on >= @Earliest AND t.returns_on >= @From"),
            (query.To is not null, "t.departs_on <= @To"));
        var db = await Sql.OfAsync(session, cancellationToken);
        return await db.QueryAsync<TripRecord>(TripStore.Select + where + "\nORDER BY t.departs_on DESC, t.id" + dialect.Paging,
            new { query.AdvocateId, query.From, query.To, Earliest = query.From?.AddDays(-Trips.MaxDays), Offset = (query.Page - 1) * query.PageSize, Limit = query.PageSize });
    }
}

internal sealed class GetTravelBudgetValidator : AbstractValidator<GetTravelBudget>
{
    public GetTravelBudgetValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100);
        RuleFor(x => x.Quarter).InclusiveBetween(1, 4);
    }
}

/// <summary>
/// Each advocate's travelling share of a quarter: the working days (Monday to Friday) inside any of their trips,
/// counted once when trips overlap, over the quarter's working days; over 40 % is flagged.
/// </summary>
internal sealed class GetTravelBudgetHandler(DbSession session) : IQueryHandler<GetTravelBudget, TravelBudget>
{
    public const double Budget = 0.4;

    private const string SelectAdvocates = "SELECT id AS Id, display_name AS Name FROM advocacy_advocate ORDER BY display_name, id";

    private const string SelectTrips = """
        SELECT advocate_id AS AdvocateId, departs_on AS DepartsOn, returns_on AS ReturnsOn
        FROM advocacy_trip WHERE departs_on >= @Earliest AND departs_on <= @To AND returns_on >= @From
        """;

    public async ValueTask<TravelBudget> Handle(GetTravelBudget query, CancellationToken cancellationToken)
    {
        var from = new DateOnly(query.Year, (query.Quarter - 1) * 3 + 1, 1);
        var to = from.AddMonths(3).AddDays(-1);
        var workingDays = WorkingDays(from, to).Count();
        var db = await Sql.OfAsync(session, cancellationToken);
        var advocates = await db.QueryAsync<(Guid Id, string Name)>(SelectAdvocates);
        var trips = (await db.QueryAsync<(Guid AdvocateId, DateOnly DepartsOn, DateOnly ReturnsOn)>(SelectTrips, new { From = from, To = to, Earliest = from.AddDays(-Trips.MaxDays) }))
            .ToLookup(trip => trip.AdvocateId);
        var rows = advocates.Select(advocate =>
        {
            var days = trips[advocate.Id]
                .SelectMany(trip => WorkingDays(Max(trip.DepartsOn, from), Min(trip.ReturnsOn, to)))
                .Distinct()
                .Count();
            var share = workingDays == 0 ? 0 : (double)days / workingDays;
            return new AdvocateTravel(advocate.Id, advocate.Name, days, Math.Round(share, 4), share > Budget);
        });
        return new TravelBudget(query.Year, query.Quarter, workingDays, Budget, [.. rows]);
    }

    private static IEnumerable<DateOnly> WorkingDays(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                yield return day;
            }
        }
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

internal static class TravelEndpoints
{
    public static void Map(IEndpointRouteBuilder advocacy)
    {
        var writers = new[] { Roles.Advocate, Roles.Admin };
        advocacy.MapGet("/trips", async (ISender sender, CancellationToken cancellationToken, Guid? advocateId = null, DateOnly? from = null, DateOnly? to = null) =>
            TypedResults.Ok(await sender.Send(new ListTrips(advocateId, from, to), cancellationToken))).WithName("ListTrips");
        advocacy.MapPost("/trips", Create).RequireAuthorization(policy => policy.RequireRole(writers)).WithName("CreateTrip");
        advocacy.MapPut("/trips/{id:guid}", async (Guid id, TripInput trip, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(new UpdateTrip(id, trip, user.Editor()), cancellationToken)))
            .RequireAuthorization(policy => policy.RequireRole(writers)).WithName("UpdateTrip");
        advocacy.MapDelete("/trips/{id:guid}", async (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        {
            await sender.Send(new DeleteTrip(id, user.Editor()), cancellationToken);
            return TypedResults.NoContent();
        }).RequireAuthorization(policy => policy.RequireRole(writers)).WithName("DeleteTrip");
        advocacy.MapGet("/travel/{year:int}/q{quarter:int}", async (int year, int quarter, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(new GetTravelBudget(year, quarter), cancellationToken)))
            .WithName("GetTravelBudget").WithSummary("Each advocate's share of the quarter's working days travelling, against the 40 % budget.");
    }

    private static async Task<Created<TripRecord>> Create(TripInput trip, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken)
    {
        var created = await sender.Send(new CreateTrip(trip, user.Editor()), cancellationToken);
        return TypedResults.Created($"/api/advocacy/trips/{created.Id}", created);
    }
}
