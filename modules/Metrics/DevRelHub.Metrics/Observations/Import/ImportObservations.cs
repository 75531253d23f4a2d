using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using Mediator;

namespace DevRelHub.Metrics.Observations.Import;

/// <summary>
/// Every line is read and checked — fields, subjects, repeated keys, external ids naming two series — before anything
/// is written; a file with any bad line stores nothing and names each one (the first thousand). A good file goes to
/// the database in bulk, a transaction per <see cref="ImportObservations.RowsPerTransaction"/> lines.
/// </summary>
internal sealed class ImportObservationsHandler(ObservationWriter writer, DbSession session) : IRequestHandler<ImportObservations, ObservationImportResult>
{
    public async ValueTask<ObservationImportResult> Handle(ImportObservations command, CancellationToken cancellationToken)
    {
        var parsed = await ObservationCsv.ReadAsync(command.Content, writer.Today, command.Progress, cancellationToken);
        var (inputs, lines, errors) = (parsed.Observations, parsed.LineNumbers, parsed.Errors);
        if (errors.Count == 0)
        {
            foreach (var (i, field, reason) in await writer.RefusalsAsync(inputs, cancellationToken))
            {
                errors.Add(new LineError(lines[i], ObservationCsv.ColumnOf(field), reason));
            }
            foreach (var (index, earlier) in ObservationRules.Repeats(inputs))
            {
                errors.Add(new LineError(lines[index], null, $"The line repeats line {lines[earlier]}: the same source, external id and day."));
            }
            foreach (var (index, earlier) in ObservationRules.SeriesConflicts(inputs))
            {
                errors.Add(new LineError(lines[index], ObservationCsv.ExternalIdColumn,
                    ObservationRules.SeriesConflict($"Line {lines[earlier]}", inputs[earlier].SubjectId, inputs[earlier].Metric)));
            }
        }
        if (errors.Count > 0)
        {
            var lineCount = lines.Concat(errors.Select(error => error.Line)).Where(line => line > 1).Distinct().Count();
            return new ObservationImportResult(command.FileName, lineCount, 0, 0, 0,
                [.. errors.OrderBy(error => error.Line).ThenBy(error => error.Column, StringComparer.Ordinal).Take(ObservationCsv.MaxErrors)]);
        }
        var (inserted, updated) = (0, 0);
        var origin = $"{command.Origin} ({command.FileName})";
        await using var cache = await session.WithLargeCacheAsync(cancellationToken);
        foreach (var chunk in inputs.Chunk(ImportObservations.RowsPerTransaction))
        {
            var stored = await session.InTransactionAsync(async token => await writer.WriteAsync(chunk, origin, token), cancellationToken);
            (inserted, updated) = (inserted + stored.Inserted, updated + stored.Updated);
            command.Progress?.Report(new ImportProgress("Storing", inserted + updated + (long)stored.Unchanged, inputs.Count));
        }
        return new ObservationImportResult(command.FileName, inputs.Count, inserted, updated, inputs.Count - inserted - updated, []);
    }
}
