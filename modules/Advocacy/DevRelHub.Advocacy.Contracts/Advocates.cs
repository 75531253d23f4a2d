using System.Text.Json.Serialization;
using Mediator;

namespace DevRelHub.Advocacy.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<AdvocateLevel>))]
public enum AdvocateLevel
{
    DeveloperAdvocate,
    SeniorDeveloperAdvocate,
    PrincipalDeveloperAdvocate,
    Director,
}

/// <summary>What an advocate knows best. <see cref="MayaData"/> reads "MayaData OpenEBS and Director".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Specialty>))]
public enum Specialty
{
    Kubernetes,
    CiCd,
    MayaData,
    MachineLearning,
    Ecosystem,
}

/// <summary>An account on a social network or community site: <c>("GitHub", "samrivera", "https://github.com/samrivera")</c>.</summary>
public sealed record SocialAccount(string Network, string Handle, string? Url = null);

/// <summary>How many followers an account had on a day; an advocate's counts form a dated series per network.</summary>
public sealed record FollowerCount(string Network, DateOnly CountedOn, long Followers);

/// <summary>A member of the developer-advocacy team.</summary>
public sealed record AdvocateSummary(Guid Id, string DisplayName, string Email);

/// <param name="CandidateId">The hiring candidate this advocate was, when they were hired through the hiring process.</param>
public sealed record AdvocateProfile(
    Guid Id, string DisplayName, string Email, AdvocateLevel Level, string? TimeZone, IReadOnlyList<Specialty> Specialties,
    IReadOnlyList<SocialAccount> Accounts, IReadOnlyList<FollowerCount> Followers, Guid? CandidateId, DateTimeOffset CreatedAt);

/// <summary>Adds a member to the team. The e-mail identifies them.</summary>
public sealed record CreateAdvocate(
    string DisplayName, string Email, AdvocateLevel Level = AdvocateLevel.DeveloperAdvocate, string? TimeZone = null,
    IReadOnlyList<Specialty>? Specialties = null, IReadOnlyList<SocialAccount>? Accounts = null) : ICommand<AdvocateSummary>;

/// <summary>Changes an advocate's profile; the e-mail stays (it is how they sign in).</summary>
public sealed record UpdateAdvocate(
    Guid Id, string DisplayName, AdvocateLevel Level, string? TimeZone, IReadOnlyList<Specialty> Specialties,
    IReadOnlyList<SocialAccount> Accounts, Editor By) : ICommand<AdvocateProfile>;

/// <summary>Adds follower counts to an advocate's series; a count for a network and day already recorded is replaced.</summary>
public sealed record RecordFollowers(Guid AdvocateId, IReadOnlyList<FollowerCount> Counts, Editor By) : ICommand<AdvocateProfile>;

public sealed record GetAdvocate(Guid Id) : IQuery<AdvocateProfile?>;

/// <summary>Every advocate, by name.</summary>
public sealed record ListAdvocates : IQuery<IReadOnlyList<AdvocateSummary>>;

/// <summary>The advocate who signs in with <paramref name="Email"/>, if any.</summary>
public sealed record FindAdvocate(string Email) : IQuery<AdvocateSummary?>;

/// <summary>
/// Makes sure every candidate hired so far is on the team — the hires the application heard of while running, and
/// any it missed (a crash between a hire and its notice). Run on every start; answers how many it added.
/// </summary>
public sealed record SyncHiredAdvocates : IRequest<int>;

/// <summary>
/// An advocate's followers at the end of a period and their growth in it, summed over their networks: per network,
/// the latest count on or before the period's last day less the latest before its first (or, for a network first
/// counted in the period, its first count).
/// </summary>
public sealed record AdvocateFollowerGrowth(Guid AdvocateId, string AdvocateName, long Followers, long Growth);
