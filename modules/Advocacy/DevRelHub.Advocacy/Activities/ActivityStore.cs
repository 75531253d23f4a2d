using System.Text.Json;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Workflows.Runtime;

namespace DevRelHub.Advocacy.Activities;

/// <summary>An activity's rows: the activity with its kind's fields as JSON, its tags and its co-authors.</summary>
internal static class ActivityStore
{
    public const string SummaryColumns = """
        SELECT a.id AS Id, a.advocate_id AS AdvocateId, v.display_name AS AdvocateName, a.kind AS Kind,
               a.title AS Title, a.occurred_on AS OccurredOn, a.url AS Url
        FROM advocacy_activity a
        JOIN advocacy_advocate v ON v.id = a.advocate_id
        """;

    private const string SelectRecord = """
        SELECT a.id AS Id, a.advocate_id AS AdvocateId, v.display_name AS AdvocateName, a.kind AS Kind, a.title AS Title,
               a.occurred_on AS OccurredOn, a.url AS Url, a.details AS Details, a.created_at AS CreatedAt, a.updated_at AS UpdatedAt
        FROM advocacy_activity a
        JOIN advocacy_advocate v ON v.id = a.advocate_id
        WHERE a.id = @Id
        """;

    private const string SelectTags = "SELECT tag FROM advocacy_activity_tag WHERE activity_id = @Id ORDER BY tag";

    private const string SelectCoAuthors = """
        SELECT v.id AS Id, v.display_name AS DisplayName, v.email AS Email
        FROM advocacy_activity_coauthor c JOIN advocacy_advocate v ON v.id = c.advocate_id
        WHERE c.activity_id = @Id ORDER BY v.display_name
        """;

    private const string Insert = """
        INSERT INTO advocacy_activity (id, advocate_id, kind, title, occurred_on, url, details, created_at)
        VALUES (@Id, @AdvocateId, @Kind, @Title, @OccurredOn, @Url, @Details, @CreatedAt)
        """;

    private const string Update = """
        UPDATE advocacy_activity SET advocate_id = @AdvocateId, kind = @Kind, title = @Title, occurred_on = @OccurredOn, url = @Url,
               details = @Details, updated_at = @UpdatedAt
        WHERE id = @Id
        """;

    private const string InsertTag = "INSERT INTO advocacy_activity_tag (activity_id, tag) VALUES (@ActivityId, @Tag)";
    private const string InsertCoAuthor = "INSERT INTO advocacy_activity_coauthor (activity_id, advocate_id) VALUES (@ActivityId, @AdvocateId)";
    private const string DeleteTags = "DELETE FROM advocacy_activity_tag WHERE activity_id = @Id";
    private const string DeleteCoAuthors = "DELETE FROM advocacy_activity_coauthor WHERE activity_id = @Id";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Tags as stored: trimmed, lower case, each once.</summary>
    public static IReadOnlyList<string> Tags(IEnumerable<string>? tags) =>
        [.. (tags ?? []).Select(tag => tag.Trim().ToLowerInvariant()).Where(tag => tag.Length > 0).Distinct().Order(StringComparer.Ordinal)];

    public static async Task InsertAsync(Sql db, Guid id, ActivityInput activity, DateTimeOffset now)
    {
        await db.ExecuteAsync(Insert, Row(id, activity, now));
        await InsertChildrenAsync(db, id, activity);
    }

    public static async Task UpdateAsync(Sql db, Guid id, ActivityInput activity, DateTimeOffset now)
    {
        await db.ExecuteAsync(Update, Row(id, activity, now));
        await db.ExecuteAsync(DeleteTags, new { Id = id });
        await db.ExecuteAsync(DeleteCoAuthors, new { Id = id });
        await InsertChildrenAsync(db, id, activity);
    }

    /// <summary>One activity as lists show it: a single query, for callers that need no details, tags or co-authors.</summary>
    public static Task<ActivitySummary?> FindSummaryAsync(Sql db, Guid id) => db.SingleOrDefaultAsync<ActivitySummary>(SummaryColumns + "\nWHERE a.id = @Id", new { Id = id });

    public static async Task<ActivityRecord?> FindAsync(Sql db, Guid id)
    {
        var row = await db.SingleOrDefaultAsync<RecordRow>(SelectRecord, new { Id = id });
        if (row is null)
        {
            return null;
        }
        var tags = await db.QueryAsync<string>(SelectTags, new { Id = id });
        var coAuthors = await db.QueryAsync<AdvocateSummary>(SelectCoAuthors, new { Id = id });
        return new ActivityRecord(
            row.Id, row.AdvocateId, row.AdvocateName, row.Title, row.OccurredOn, row.Url, ReadDetails(Enum.Parse<ActivityKind>(row.Kind), row.Details),
            tags, coAuthors, row.CreatedAt, row.UpdatedAt);
    }

    public static async Task DeleteChildrenAsync(Sql db, Guid id)
    {
        await db.ExecuteAsync(DeleteTags, new { Id = id });
        await db.ExecuteAsync(DeleteCoAuthors, new { Id = id });
    }

    private static object Row(Guid id, ActivityInput activity, DateTimeOffset now) => new
    {
        Id = id,
        activity.AdvocateId,
        Kind = activity.Details.Kind.ToString(),
        Title = activity.Title.Trim(),
        activity.OccurredOn,
        Url = Validation.Clean(activity.Url),
        Details = JsonSerializer.Serialize(activity.Details, Json),
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static async Task InsertChildrenAsync(Sql db, Guid id, ActivityInput activity)
    {
        foreach (var tag in Tags(activity.Tags))
        {
            await db.ExecuteAsync(InsertTag, new { ActivityId = id, Tag = tag });
        }
        foreach (var coAuthor in (activity.CoAuthorIds ?? []).Distinct())
        {
            await db.ExecuteAsync(InsertCoAuthor, new { ActivityId = id, AdvocateId = coAuthor });
        }
    }

    /// <summary>The stored fields of the kind; activities logged before kinds had fields read as the kind with its fields empty.</summary>
    private static ActivityDetails ReadDetails(ActivityKind kind, string? json) =>
        json is null ? Empty(kind) : JsonSerializer.Deserialize<ActivityDetails>(json, Json) ?? Empty(kind);

    public static ActivityDetails Empty(ActivityKind kind) => kind switch
    {
        ActivityKind.Talk => new TalkDetails("", SessionType.Talk),
        ActivityKind.Meetup => new MeetupDetails(""),
        ActivityKind.Webinar => new WebinarDetails(""),
        ActivityKind.Workshop => new WorkshopDetails(""),
        ActivityKind.Podcast => new PodcastDetails("", PodcastRole.Guest),
        ActivityKind.Video => new VideoDetails(""),
        ActivityKind.BlogPost => new BlogPostDetails(""),
        ActivityKind.ContributedArticle => new ContributedArticleDetails(""),
        ActivityKind.MediaInterview => new MediaInterviewDetails("", InterviewFormat.Phone),
        ActivityKind.OpenSourceContribution => new OpenSourceContributionDetails("", ContributionType.Code, ""),
        ActivityKind.CommunityRole => new CommunityRoleDetails("", CommunityRoleType.Maintainer),
        ActivityKind.SampleCode => new SampleCodeDetails(""),
        ActivityKind.Demo => new DemoDetails(""),
        ActivityKind.ProductFeedback => new ProductFeedbackDetails(FeedbackTeam.Product, FeedbackStatus.Open),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of activity."),
    };

    private sealed record RecordRow(
        Guid Id, Guid AdvocateId, string AdvocateName, string Kind, string Title, DateOnly OccurredOn, string? Url, string? Details,
        DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt);
}
