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

[JsonConverter(typeof(JsonStringEnumConverter<SessionType>))]
public enum SessionType
{
    Keynote,
    Talk,
    Panel,
    Lightning,
}

[JsonConverter(typeof(JsonStringEnumConverter<PodcastRole>))]
public enum PodcastRole
{
    Guest,
    Host,
}

[JsonConverter(typeof(JsonStringEnumConverter<InterviewFormat>))]
public enum InterviewFormat
{
    Phone,
    Podcast,
    Video,
    InPerson,
}

[JsonConverter(typeof(JsonStringEnumConverter<ContributionType>))]
public enum ContributionType
{
    Code,
    Docs,
    Review,
    IssueTriage,
}

[JsonConverter(typeof(JsonStringEnumConverter<CommunityRoleType>))]
public enum CommunityRoleType
{
    SigLead,
    Maintainer,
    Author,
    ProgramCommittee,
}

[JsonConverter(typeof(JsonStringEnumConverter<FeedbackTeam>))]
public enum FeedbackTeam
{
    Product,
    Engineering,
}

[JsonConverter(typeof(JsonStringEnumConverter<FeedbackStatus>))]
public enum FeedbackStatus
{
    Open,
    Acknowledged,
    Planned,
    Shipped,
    Declined,
}

/// <summary>
/// The fields of one kind of activity. In JSON an object whose <c>kind</c> names the kind:
/// <c>{ "kind": "Talk", "event": "KubeCon EU", "sessionType": "Keynote", "audienceSize": 1200 }</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(TalkDetails), nameof(ActivityKind.Talk))]
[JsonDerivedType(typeof(MeetupDetails), nameof(ActivityKind.Meetup))]
[JsonDerivedType(typeof(WebinarDetails), nameof(ActivityKind.Webinar))]
[JsonDerivedType(typeof(WorkshopDetails), nameof(ActivityKind.Workshop))]
[JsonDerivedType(typeof(PodcastDetails), nameof(ActivityKind.Podcast))]
[JsonDerivedType(typeof(VideoDetails), nameof(ActivityKind.Video))]
[JsonDerivedType(typeof(BlogPostDetails), nameof(ActivityKind.BlogPost))]
[JsonDerivedType(typeof(ContributedArticleDetails), nameof(ActivityKind.ContributedArticle))]
[JsonDerivedType(typeof(MediaInterviewDetails), nameof(ActivityKind.MediaInterview))]
[JsonDerivedType(typeof(OpenSourceContributionDetails), nameof(ActivityKind.OpenSourceContribution))]
[JsonDerivedType(typeof(CommunityRoleDetails), nameof(ActivityKind.CommunityRole))]
[JsonDerivedType(typeof(SampleCodeDetails), nameof(ActivityKind.SampleCode))]
[JsonDerivedType(typeof(DemoDetails), nameof(ActivityKind.Demo))]
[JsonDerivedType(typeof(ProductFeedbackDetails), nameof(ActivityKind.ProductFeedback))]
public abstract record ActivityDetails
{
    [JsonIgnore]
    public abstract ActivityKind Kind { get; }
}

/// <param name="EventId">The conference or meetup in the events calendar, when it is there.</param>
public sealed record TalkDetails(string Event, SessionType SessionType, int? AudienceSize = null, string? SlidesUrl = null, string? RecordingUrl = null, Guid? EventId = null)
    : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.Talk;
}

public sealed record MeetupDetails(string Group, string? City = null, bool Online = false, int? Attendees = null) : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.Meetup;
}

public sealed record WebinarDetails(string Host, int? Registrants = null, int? Attendees = null, string? RecordingUrl = null) : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.Webinar;
}

/// <summary>A half-day workshop at an end-user company.</summary>
public sealed record WorkshopDetails(string Company, string? City = null, int? Attendees = null) : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.Workshop;
}

public sealed record PodcastDetails(string Show, PodcastRole Role, string? Episode = null) : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.Podcast;
}

public sealed record VideoDetails(string Channel, int? DurationMinutes = null) : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.Video;
}

public sealed record BlogPostDetails(string Site) : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.BlogPost;
}

/// <param name="Publication">For example Forbes or The New Stack.</param>
public sealed record ContributedArticleDetails(string Publication) : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.ContributedArticle;
}

public sealed record MediaInterviewDetails(string Outlet, InterviewFormat Format, string? Journalist = null) : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.MediaInterview;
}

/// <param name="Project">Kubernetes, Helm, CSI, OPA, Tekton, Kubeflow, OpenEBS, Litmus …</param>
/// <param name="Link">The pull request, issue or review.</param>
public sealed record OpenSourceContributionDetails(string Project, ContributionType Contribution, string Link) : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.OpenSourceContribution;
}

public sealed record CommunityRoleDetails(string Community, CommunityRoleType Role, DateOnly? Until = null) : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.CommunityRole;
}

/// <summary>Sample code or a client library.</summary>
public sealed record SampleCodeDetails(string Repository, string? Language = null) : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.SampleCode;
}

public sealed record DemoDetails(string Product, int? Audience = null) : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.Demo;
}

/// <summary>Feedback from the field channelled to product or engineering, and where it stands.</summary>
public sealed record ProductFeedbackDetails(FeedbackTeam Team, FeedbackStatus Status, string? Source = null) : ActivityDetails
{
    [JsonIgnore]
    public override ActivityKind Kind => ActivityKind.ProductFeedback;
}

/// <summary>What an advocate enters for an activity. Co-authors are other advocates who did it with them.</summary>
public sealed record ActivityInput(
    Guid AdvocateId, string Title, DateOnly OccurredOn, ActivityDetails Details, string? Url = null,
    IReadOnlyList<string>? Tags = null, IReadOnlyList<Guid>? CoAuthorIds = null);

/// <summary>A piece of work an advocate did, as lists show it.</summary>
public sealed record ActivitySummary(Guid Id, Guid AdvocateId, string AdvocateName, ActivityKind Kind, string Title, DateOnly OccurredOn, string? Url);

/// <summary>An activity with everything recorded about it.</summary>
public sealed record ActivityRecord(
    Guid Id, Guid AdvocateId, string AdvocateName, string Title, DateOnly OccurredOn, string? Url, ActivityDetails Details,
    IReadOnlyList<string> Tags, IReadOnlyList<AdvocateSummary> CoAuthors, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt)
{
    public ActivityKind Kind => Details.Kind;

    public ActivitySummary Summary => new(Id, AdvocateId, AdvocateName, Kind, Title, OccurredOn, Url);
}

/// <summary>Records a piece of work by an advocate.</summary>
public sealed record LogActivity(ActivityInput Activity, Editor By) : ICommand<ActivityRecord>;

/// <summary>Replaces what is recorded about an activity, its kind included.</summary>
public sealed record UpdateActivity(Guid Id, ActivityInput Activity, Editor By) : ICommand<ActivityRecord>;

public sealed record DeleteActivity(Guid Id, Editor By) : ICommand;

/// <summary>Activities, newest first, filtered by dates (inclusive), advocate, kind and tag.</summary>
public sealed record ListActivities(
    DateOnly? From = null, DateOnly? To = null, Guid? AdvocateId = null, ActivityKind? Kind = null, string? Tag = null, int Page = 1, int PageSize = 50)
    : IQuery<ActivityPage>;

public sealed record ActivityPage(IReadOnlyList<ActivitySummary> Items, int Page, int PageSize, long Total);

/// <summary>One activity, or null when there is none with this id.</summary>
public sealed record GetActivity(Guid Id) : IQuery<ActivityRecord?>;

/// <summary>How many activities took place between two dates, inclusive.</summary>
public sealed record CountActivities(DateOnly From, DateOnly To) : IQuery<long>;

/// <summary>Every tag in use, with how many activities carry it, most used first.</summary>
public sealed record ListTags : IQuery<IReadOnlyList<TagCount>>;

public sealed record TagCount(string Tag, int Activities);

/// <summary>What another module needs to group activities: owner, kind, date, title, tags and the owner's specialties. Ids that are no activity are left out.</summary>
public sealed record DescribeActivities(IReadOnlyCollection<Guid> Ids) : IQuery<IReadOnlyList<ActivityFacts>>;

public sealed record ActivityFacts(
    Guid Id, Guid AdvocateId, string AdvocateName, ActivityKind Kind, string Title, DateOnly OccurredOn, IReadOnlyList<string> Tags, IReadOnlyList<Specialty> Specialties);

/// <summary>Which of the ids name an activity, a community contribution or an advocate; ids that name none are left out.</summary>
public sealed record FindRecords(IReadOnlyCollection<Guid> Ids) : IQuery<IReadOnlyDictionary<Guid, RecordKind>>;

[JsonConverter(typeof(JsonStringEnumConverter<RecordKind>))]
public enum RecordKind
{
    Activity,
    Contribution,
    Advocate,
}

/// <summary>How many activities each advocate logged (as owner) between two dates, inclusive; advocates with none are left out.</summary>
public sealed record CountActivitiesByAdvocate(DateOnly From, DateOnly To) : IQuery<IReadOnlyList<AdvocateActivityCount>>;

public sealed record AdvocateActivityCount(Guid AdvocateId, int Activities);
