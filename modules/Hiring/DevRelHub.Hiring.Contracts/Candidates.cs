using Mediator;

namespace DevRelHub.Hiring.Contracts;

/// <summary>A person who may apply to an opening.</summary>
public sealed record CandidateSummary(Guid Id, string FullName, string Email, string? TimeZone, DateTimeOffset CreatedAt);

/// <summary>Records a new candidate. The e-mail identifies the person: a second candidate with the same e-mail is refused.</summary>
public sealed record CreateCandidate(string FullName, string Email, string? TimeZone) : ICommand<CandidateSummary>;

/// <summary>Candidates by name, a page at a time, optionally those whose name or e-mail contains <paramref name="Search"/>.</summary>
public sealed record ListCandidates(string? Search = null, int Page = 1, int PageSize = 50) : IQuery<CandidatePage>;

public sealed record CandidatePage(IReadOnlyList<CandidateSummary> Items, int Page, int PageSize, long Total);
