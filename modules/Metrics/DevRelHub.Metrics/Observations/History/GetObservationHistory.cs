using Dapper;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Metrics.Observations.History;

/// <summary>A subject's series over their subject index, their observations and corrections over those tables' keys.</summary>
internal sealed class GetObservationHistoryHandler(DbSession session) : IQueryHandler<GetObservationHistory, IReadOnlyList<ObservationRecord>>
{
    private const string Observations = """
        SELECT s.subject_kind AS SubjectKind, s.subject_id AS SubjectId, s.metric AS Metric, o.value AS Value, o.observed_on AS ObservedOn,
               s.source AS Source, s.external_id AS ExternalId, s.cumulative AS Cumulative, o.recorded_at AS RecordedAt, o.corrected_at AS CorrectedAt
        FROM metrics_series s JOIN metrics_observation o ON o.series_id = s.id
        WHERE s.subject_id = @SubjectId
        ORDER BY o.observed_on DESC, s.metric, s.source
        """;

    private const string Corrections = """
        SELECT s.source AS Source, s.external_id AS ExternalId, c.observed_on AS ObservedOn, c.corrected_at AS CorrectedAt, c.previous_value AS PreviousValue,
               c.value AS Value, c.origin AS Origin
        FROM metrics_series s JOIN metrics_observation_correction c ON c.series_id = s.id
        WHERE s.subject_id = @SubjectId
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
