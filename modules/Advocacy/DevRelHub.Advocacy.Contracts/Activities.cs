using System.Text.Json.Serialization;
using Mediator;

namespace DevRelHub.Advocacy.Contracts;

/// <summary>The kinds of work an advocate logs; written by name in JSON.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActivityKind>))]
public enum ActivityKind
{
    Talk,
    Meetup,
    Webinar,
    Workshop,
    Podcast,
    Video,
    BlogPost,
    ContributedArticle,
    MediaInterview,
    OpenSourceContribution,
    CommunityRole,
    SampleCode,
    Demo,
    ProductFeedback,
}

/// <summary>A piece of work an advocate did.</summary>
public sealed record ActivitySummary(Guid Id, Guid AdvocateId, string AdvocateName, ActivityKind Kind, string Title, DateOnly OccurredOn, string? Url);

/// <summary>Records a piece of work by an advocate.</summary>
public sealed record LogActivity(Guid AdvocateId, ActivityKind Kind, string Title, DateOnly OccurredOn, string? Url) : ICommand<ActivitySummary>;

/// <summary>Activities, newest first, optionally between two dates (inclusive) and of one advocate.</summary>
public sealed record ListActivities(DateOnly? From = null, DateOnly? To = null, Guid? AdvocateId = null, int Page = 1, int PageSize = 50)
    : IQuery<ActivityPage>;

public sealed record ActivityPage(IReadOnlyList<ActivitySummary> Items, int Page, int PageSize, long Total);

/// <summary>One activity, or null when there is none with this id.</summary>
public sealed record GetActivity(Guid Id) : IQuery<ActivitySummary?>;

/// <summary>How many activities took place between two dates, inclusive.</summary>
public sealed record CountActivities(DateOnly From, DateOnly To) : IQuery<long>;
