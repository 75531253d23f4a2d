using System.Text.Json.Serialization;
using Mediator;

namespace DevRelHub.Hiring.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<InterviewStatus>))]
public enum InterviewStatus
{
    Scheduled,
    Cancelled,
}

/// <summary>A person who interviews; invitations show the time in <paramref name="TimeZone"/> (an IANA zone), UTC without one.</summary>
public sealed record Interviewer(string Email, string Name, string? TimeZone = null);

public sealed record InterviewDetails(
    Guid Id, Guid ApplicationId, string CandidateName, string Stage, DateTimeOffset StartsAt, int DurationMinutes,
    string? Location, string? VideoLink, InterviewStatus Status, IReadOnlyList<Interviewer> Interviewers, int ScorecardsSubmitted);

/// <summary>Schedules the interview of the application's current stage and invites candidate and interviewers (.ics attached).</summary>
public sealed record ScheduleInterview(
    Guid ApplicationId, DateTimeOffset StartsAt, int DurationMinutes, IReadOnlyList<Interviewer> Interviewers, string? Location, string? VideoLink, string Actor)
    : ICommand<InterviewDetails>;

/// <summary>Moves an interview; everyone invited gets the updated invitation.</summary>
public sealed record RescheduleInterview(Guid Id, DateTimeOffset StartsAt, int? DurationMinutes, string Actor) : ICommand<InterviewDetails>;

/// <summary>Cancels an interview; everyone invited gets the cancellation.</summary>
public sealed record CancelInterview(Guid Id, string Actor) : ICommand<InterviewDetails>;

public sealed record GetInterview(Guid Id, string Viewer, IReadOnlyCollection<string> Roles) : IQuery<InterviewDetails>;

/// <summary>
/// Interviews a person sits on (a panelist's list), or for recruiters and hiring managers those of the coming four weeks
/// (from a day back); with <paramref name="ApplicationId"/>, all of that application's that the viewer may see.
/// </summary>
public sealed record ListInterviews(string Viewer, IReadOnlyCollection<string> Roles, Guid? ApplicationId = null) : IQuery<IReadOnlyList<InterviewDetails>>;

/// <summary>1 Strong No, 2 No, 3 Yes, 4 Strong Yes.</summary>
public static class Ratings
{
    public const int StrongNo = 1;
    public const int No = 2;
    public const int Yes = 3;
    public const int StrongYes = 4;

    /// <summary>The presentation skills every scorecard rates, after the level's requirements.</summary>
    public static IReadOnlyList<string> PresentationSkills { get; } = ["Clarity", "Storytelling", "Demo", "Technical depth", "Q&A handling"];
}

/// <summary>An interviewer's scorecard: a rating per attribute, an overall recommendation and notes.</summary>
public sealed record SubmitScorecard(
    Guid InterviewId, IReadOnlyDictionary<string, int> Ratings, int Recommendation, string? Notes, string Interviewer, IReadOnlyCollection<string> Roles)
    : IRequest<ScorecardView>;

public sealed record ScorecardView(Guid Id, Guid InterviewId, string Interviewer, IReadOnlyDictionary<string, int> Ratings, int Recommendation, string? Notes, DateTimeOffset SubmittedAt);

/// <summary>
/// The scorecards the viewer may see: a panelist sees none of the others' until their own is submitted;
/// recruiters and hiring managers see all once the stage has closed. <see cref="ScorecardSheet.Hidden"/> counts the rest.
/// </summary>
public sealed record GetScorecards(Guid InterviewId, string Viewer, IReadOnlyCollection<string> Roles) : IQuery<ScorecardSheet>;

public sealed record ScorecardSheet(
    Guid InterviewId, IReadOnlyList<string> Attributes, IReadOnlyList<ScorecardView> Scorecards, int Hidden, PanelResult? Result);

/// <summary>The panel's scores per attribute; <see cref="Disagreement"/> when ratings are two or more apart.</summary>
public sealed record PanelResult(IReadOnlyList<AttributeResult> Attributes, double MeanRecommendation, int RecommendationSpread, bool Disagreement);

public sealed record AttributeResult(string Attribute, double Mean, int Spread, bool Disagreement);
