using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace DevRelHub.Metrics.Observations.Record;

internal sealed class RecordObservationValidator : AbstractValidator<RecordObservation>
{
    public RecordObservationValidator()
    {
        RuleFor(x => x.ActivityId).NotEmpty();
        RuleFor(x => x.Metric).IsInEnum();
        RuleFor(x => x.Value).GreaterThanOrEqualTo(0);
        RuleFor(x => x.ObservedOn).NotEmpty().InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31));
        RuleFor(x => x.Source).MaximumLength(64);
    }
}

internal sealed class RecordObservationHandler(DbSession session, ISender sender, TimeProvider clock)
    : ICommandHandler<RecordObservation, ObservationSummary>
{
    private const string ManualSource = "manual";

    private const string Insert = """
        INSERT INTO metrics_observation (id, activity_id, metric, value, observed_on, source, recorded_at)
        VALUES (@Id, @ActivityId, @Metric, @Value, @ObservedOn, @Source, @RecordedAt)
        """;

    public async ValueTask<ObservationSummary> Handle(RecordObservation command, CancellationToken cancellationToken)
    {
        if (await sender.Send(new GetActivity(command.ActivityId), cancellationToken) is null)
        {
            throw new ValidationException([new ValidationFailure(nameof(command.ActivityId), $"There is no activity {command.ActivityId}.")]);
        }
        var now = clock.GetUtcNow();
        var observation = new ObservationSummary(
            Guid.CreateVersion7(now), command.ActivityId, command.Metric, command.Value, command.ObservedOn,
            string.IsNullOrWhiteSpace(command.Source) ? ManualSource : command.Source.Trim());
        var db = await session.ConnectionAsync(cancellationToken);
        await db.ExecuteAsync(session.Command(Insert, new
        {
            observation.Id,
            observation.ActivityId,
            Metric = observation.Metric.ToString(),
            observation.Value,
            observation.ObservedOn,
            observation.Source,
            RecordedAt = now,
        }, cancellationToken));
        return observation;
    }
}
