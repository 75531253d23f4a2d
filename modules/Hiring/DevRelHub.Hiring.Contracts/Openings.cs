using System.Text.Json.Serialization;
using Mediator;

namespace DevRelHub.Hiring.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<OpeningLevel>))]
public enum OpeningLevel
{
    DeveloperAdvocate,
    SeniorDeveloperAdvocate,
}

/// <summary>What an advocate knows best; an opening asks for at least one, a senior one for more than three.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Specialty>))]
public enum Specialty
{
    Kubernetes,
    CiCd,
    MayaData,
    MachineLearning,
    Ecosystem,
}

/// <summary>An opening; its requirements are the checklist a recruiter ticks at screening and the attributes panelists score.</summary>
public sealed record OpeningSummary(Guid Id, string Title, OpeningLevel Level, string? Description, bool IsOpen, IReadOnlyList<string> Requirements, DateTimeOffset CreatedAt);

/// <summary>Opens a position. Without <paramref name="Requirements"/> the level's requirements from the team's brief are used.</summary>
public sealed record CreateOpening(string Title, OpeningLevel Level, string? Description = null, IReadOnlyList<string>? Requirements = null) : ICommand<OpeningSummary>;

public sealed record ListOpenings(bool OpenOnly = false) : IQuery<IReadOnlyList<OpeningSummary>>;
