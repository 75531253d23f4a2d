using Mediator;

namespace DevRelHub.Hiring.Contracts;

/// <summary>A person who may apply to an opening.</summary>
public sealed record CandidateSummary(Guid Id, string FullName, string Email, string? TimeZone, DateTimeOffset CreatedAt);

/// <summary>Records a new candidate. The e-mail identifies the person: a second candidate with the same e-mail is refused.</summary>
/// <param name="Links">Profile links (GitHub, LinkedIn, a blog, talks), one per entry.</param>
/// <param name="OpenSourceRoles">For example "Kubernetes SIG Storage lead", "Litmus maintainer".</param>
public sealed record CreateCandidate(
    string FullName,
    string Email,
    string? TimeZone,
    string? Phone = null,
    IReadOnlyList<string>? Links = null,
    int? FollowerCount = null,
    int? YearsSpeaking = null,
    int? LargestAudience = null,
    IReadOnlyList<Specialty>? Specialties = null,
    IReadOnlyList<string>? OpenSourceRoles = null) : ICommand<CandidateSummary>;

/// <summary>Everything the team knows of a candidate, with their applications.</summary>
public sealed record CandidateProfile(
    Guid Id, string FullName, string Email, string? TimeZone, string? Phone, IReadOnlyList<string> Links, int? FollowerCount,
    int? YearsSpeaking, int? LargestAudience, IReadOnlyList<Specialty> Specialties, IReadOnlyList<string> OpenSourceRoles,
    DateTimeOffset CreatedAt, IReadOnlyList<ApplicationSummary> Applications);

public sealed record GetCandidate(Guid Id) : IQuery<CandidateProfile>;

/// <summary>
/// Removes a candidate's personal data everywhere it is kept — profile, applications' timelines, interviews,
/// scorecard notes, the workflow's variables and mail — and keeps what the statistics count (stages, dates,
/// scores). Running applications end. Answers how many applications it touched.
/// </summary>
public sealed record EraseCandidate(Guid Id, string Actor) : IRequest<int>;

/// <summary>Erases every candidate whose applications all closed as declined or withdrawn more than <paramref name="Months"/> months ago.</summary>
public sealed record EraseDeclinedCandidates(int Months) : IRequest<int>;

/// <summary>Candidates by name, a page at a time, optionally those whose name or e-mail contains <paramref name="Search"/>.</summary>
public sealed record ListCandidates(string? Search = null, int Page = 1, int PageSize = 50) : IQuery<CandidatePage>;

public sealed record CandidatePage(IReadOnlyList<CandidateSummary> Items, int Page, int PageSize, long Total);
