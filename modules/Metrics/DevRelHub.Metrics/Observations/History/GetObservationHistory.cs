using Dapper;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Metrics.Observations.History;

/// <summary>A subject's observations over the series index, and their corrections over the correction table's key.</summary>
internal sealed class GetObservationHistoryHandler(DbSession session) : IQueryHandler<GetObservationHistory, IReadOnlyList<ObservationRecord>>
{
    private const string Observations = """
        SELECT subject_kind AS SubjectKind, subject_id AS SubjectId, metric AS Metric, value AS Value, observed_on AS ObservedOn,
               source AS Source, external_id AS ExternalId, cumulative AS Cumulative, recorded_at AS RecordedAt, corrected_at AS CorrectedAt
        FROM metrics_observation WHERE subject_id = @SubjectId
        ORDER BY observed_on DESC, metric, source
        """;

    private const string Corrections = """
        SELECT c.source AS Source, c.external_id AS ExternalId, c.observed_on AS ObservedOn, c.corrected_at AS CorrectedAt, c.previous_value AS PreviousValue,
               c.value AS Value, c.origin AS Origin
        FROM metrics_observation_correction c
        JOIN metrics_observation o ON o.source = c.source AND o.external_id = c.external_id AND o.observed_on = c.observed_on
        WHERE o.subject_id = @SubjectId AND o.corrected_at IS NOT NULL
        ORDER BY c.corrected_at
        """;

    public async ValueTask<IReadOnlyList<ObservationRecord>> Handle(GetObservationHistory query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        var rows = await db.QueryAsync<Row>(session.Command(Observations, query, cancellationToken));
        var corrections = (await db.QueryAsync<CorrectionRow>(session.Command(Corrections, query, cancellationToken)))
            .ToLookup(row => (row.Source, row.ExternalId, row.ObservedOn), row => new Correction(row.CorrectedAt, row.PreviousValue, row.Value, row.Origin));
        return
        [
            .. rows.Select(row => new ObservationRecord(Enum.Parse<SubjectKind>(row.SubjectKind), row.SubjectId, Enum.Parse<MetricKind>(row.Metric), row.Value,
                row.ObservedOn, row.Source, row.ExternalId, row.Cumulative, row.RecordedAt, [.. corrections[(row.Source, row.ExternalId, row.ObservedOn)]])),
        ];
    }

    private sealed record Row(
        string SubjectKind, Guid SubjectId, string Metric, long Value, DateOnly ObservedOn, string Source, string ExternalId, bool Cumulative,
        DateTimeOffset RecordedAt, DateTimeOffset? CorrectedAt);

    private sealed record CorrectionRow(string Source, string ExternalId, DateOnly ObservedOn, DateTimeOffset CorrectedAt, long PreviousValue, long Value, string Origin);
}

internal static class ObservationHistoryEndpoint
{
    public static void Map(IEndpointRouteBuilder metrics) =>
        metrics.MapGet("/subjects/{subjectId:guid}/observations", Handle)
            .RequireAuthorization()
            .WithName("GetObservationHistory")
            .WithSummary("Every observation of a subject (an activity, a contribution or an advocate's accounts), newest first, with the values corrections replaced.");

    private static async Task<Ok<IReadOnlyList<ObservationRecord>>> Handle(Guid subjectId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetObservationHistory(subjectId), cancellationToken));
}
