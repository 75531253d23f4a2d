using Mediator;

namespace DevRelHub.Advocacy.Contracts;

/// <summary>A trip of at most <see cref="MaxDays"/> days; its working days (Monday to Friday) count against the advocate's travel budget.</summary>
public sealed record TripInput(Guid AdvocateId, string Destination, DateOnly DepartsOn, DateOnly ReturnsOn, Guid? EventId = null, string? Purpose = null);

public static class Trips
{
    /// <summary>The longest trip, in days from departure to return; it also bounds the searches for trips overlapping a period.</summary>
    public const int MaxDays = 92;
}

public sealed record TripRecord(Guid Id, Guid AdvocateId, string AdvocateName, string Destination, DateOnly DepartsOn, DateOnly ReturnsOn, Guid? EventId, string? EventName, string? Purpose);

public sealed record CreateTrip(TripInput Trip, Editor By) : ICommand<TripRecord>;

public sealed record UpdateTrip(Guid Id, TripInput Trip, Editor By) : ICommand<TripRecord>;

public sealed record DeleteTrip(Guid Id, Editor By) : ICommand;

/// <summary>Trips overlapping the dates, latest first, a page at a time.</summary>
public sealed record ListTrips(Guid? AdvocateId = null, DateOnly? From = null, DateOnly? To = null, int Page = 1, int PageSize = 100) : IQuery<IReadOnlyList<TripRecord>>;

/// <summary>Each advocate's share of a quarter's working days spent travelling, against the team's budget (40 %).</summary>
public sealed record GetTravelBudget(int Year, int Quarter) : IQuery<TravelBudget>;

public sealed record TravelBudget(int Year, int Quarter, int WorkingDays, double Budget, IReadOnlyList<AdvocateTravel> Advocates);

/// <param name="Share">Travelling working days ÷ the quarter's working days.</param>
public sealed record AdvocateTravel(Guid AdvocateId, string AdvocateName, int TravelDays, double Share, bool OverBudget);
