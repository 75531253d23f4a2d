using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Process;
using DevRelHub.Workflows.Runtime;

namespace DevRelHub.Hiring.Scorecards;

/// <summary>One submitted scorecard, as the panel result counts it.</summary>
internal sealed record PanelScore(Guid ScorecardId, int Recommendation, IReadOnlyDictionary<string, int> Ratings);

/// <summary>The panel's arithmetic: scorecards of a stage's current interview, and their result per attribute.</summary>
internal static class Panel
{
    /// <summary>Ratings this far apart (Strong No against Yes, No against Strong Yes) are a disagreement.</summary>
    public const int DisagreementSpread = 2;

    private const string Select = """
        SELECT s.id AS ScorecardId, s.recommendation AS Recommendation, r.attribute AS Attribute, r.rating AS Rating
        FROM hiring_scorecard s
        JOIN hiring_interview i ON i.id = s.interview_id
        LEFT JOIN hiring_scorecard_rating r ON r.scorecard_id = s.id
        WHERE i.application_id = @ApplicationId AND i.stage_node_id = @NodeId AND i.status = @Scheduled
        """;

    public static async Task<IReadOnlyList<PanelScore>> ScoresAsync(Sql db, Guid applicationId, string nodeId)
    {
        var rows = await db.QueryAsync<(Guid ScorecardId, int Recommendation, string? Attribute, int? Rating)>(Select,
            new { ApplicationId = applicationId, NodeId = nodeId, Scheduled = nameof(InterviewStatus.Scheduled) });
        return [.. rows.GroupBy(row => (row.ScorecardId, row.Recommendation)).Select(card => new PanelScore(card.Key.ScorecardId, card.Key.Recommendation,
            card.Where(row => row.Attribute is not null).ToDictionary(row => row.Attribute!, row => row.Rating!.Value)))];
    }

    public static PanelResult Aggregate(IReadOnlyCollection<PanelScore> scores)
    {
        var attributes = scores.SelectMany(score => score.Ratings)
            .GroupBy(rating => rating.Key, rating => rating.Value)
            .Select(ratings => new AttributeResult(ratings.Key, Math.Round(ratings.Average(), 2), ratings.Max() - ratings.Min(),
                ratings.Max() - ratings.Min() >= DisagreementSpread))
            .OrderBy(attribute => attribute.Attribute, StringComparer.Ordinal)
            .ToList();
        var recommendations = scores.Select(score => score.Recommendation).ToList();
        var spread = recommendations.Count == 0 ? 0 : recommendations.Max() - recommendations.Min();
        return new PanelResult(attributes, recommendations.Count == 0 ? 0 : Math.Round(recommendations.Average(), 2), spread, spread >= DisagreementSpread);
    }
}
