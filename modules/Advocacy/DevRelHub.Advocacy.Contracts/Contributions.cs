using System.Text.Json.Serialization;
using Mediator;

namespace DevRelHub.Advocacy.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<ContentKind>))]
public enum ContentKind
{
    BlogPost,
    Talk,
    Video,
    Tutorial,
    SampleCode,
    Podcast,
    Article,
    SocialPost,
}

/// <summary>A community member who makes content the program inspired. The e-mail, when known, identifies them.</summary>
public sealed record Champion(Guid Id, string Name, string? Email, string? Handle, DateTimeOffset CreatedAt);

/// <summary>
/// Content a community member made: who, what, where and when, and what inspired it — an activity of the team
/// or a named campaign. A champion unknown by <paramref name="ChampionName"/> (and e-mail) is added.
/// </summary>
public sealed record ContributionInput(
    string ChampionName, ContentKind Kind, string Title, string Url, DateOnly ContributedOn,
    string? ChampionEmail = null, string? ChampionHandle = null, Guid? ActivityId = null, string? Campaign = null);

public sealed record ContributionRecord(
    Guid Id, Guid ChampionId, string ChampionName, ContentKind Kind, string Title, string Url, DateOnly ContributedOn,
    Guid? ActivityId, string? ActivityTitle, string? Campaign);

public sealed record RecordContribution(ContributionInput Contribution, string Actor) : ICommand<ContributionRecord>;

/// <summary>Contributions between two dates (inclusive), latest first, a page at a time.</summary>
public sealed record ListContributions(Guid? ChampionId = null, DateOnly? From = null, DateOnly? To = null, int Page = 1, int PageSize = 100)
    : IQuery<IReadOnlyList<ContributionRecord>>;

/// <summary>The <paramref name="Top"/> champions with the most contributions, each with their contributions per quarter.</summary>
public sealed record ListChampions(int Top = 50) : IQuery<IReadOnlyList<ChampionActivity>>;

/// <param name="PerQuarter">Quarter (<c>2026-Q3</c>) → contributions in it, oldest first.</param>
public sealed record ChampionActivity(Champion Champion, int Contributions, DateOnly? Latest, IReadOnlyList<QuarterCount> PerQuarter);

public sealed record QuarterCount(string Quarter, int Count);

/// <summary>The days from <paramref name="From"/> to <paramref name="To"/>, both included.</summary>
public sealed record DatePeriod(DateOnly From, DateOnly To);

/// <summary>
/// What the community did with the program in each period, in the order asked, counted in one command: the parts of
/// the involvement KPI.
/// </summary>
public sealed record CountInvolvement(IReadOnlyList<DatePeriod> Periods) : IQuery<IReadOnlyList<InvolvementCounts>>;

/// <summary>
/// What Advocacy counts for a quarter's summary, in one command: involvement in each of
/// <paramref name="InvolvementPeriods"/> (the quarter and those it is compared with), and each advocate's follower
/// growth and the activities logged in <paramref name="Quarter"/>.
/// </summary>
public sealed record GetQuarterCounts(DatePeriod Quarter, IReadOnlyList<DatePeriod> InvolvementPeriods) : IQuery<QuarterCounts>;

/// <param name="Involvement">One per period asked for, in its order.</param>
public sealed record QuarterCounts(IReadOnlyList<InvolvementCounts> Involvement, IReadOnlyList<AdvocateFollowerGrowth> Followers, long Activities);

/// <param name="CommunityContributions">Content community members made.</param>
/// <param name="InvitationsReceived">Invitations to community efforts the advocates received.</param>
/// <param name="OpenSourceContributions">The advocates' own open-source contributions.</param>
public sealed record InvolvementCounts(int CommunityContributions, int InvitationsReceived, int OpenSourceContributions);

/// <summary>
/// The involvement KPI's parts per advocate between two dates (inclusive): invitations the advocate received, community
/// contributions their activities inspired, and their own open-source contributions. Advocates with none are left out.
/// </summary>
public sealed record CountInvolvementByAdvocate(DateOnly From, DateOnly To) : IQuery<IReadOnlyList<AdvocateInvolvement>>;

public sealed record AdvocateInvolvement(Guid AdvocateId, int CommunityContributions, int InvitationsReceived, int OpenSourceContributions);
