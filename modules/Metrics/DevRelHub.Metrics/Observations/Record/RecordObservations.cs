using DevRelHub.Metrics.Contracts;
using FluentValidation;
using Mediator;

namespace DevRelHub.Metrics.Observations.Record;

internal sealed class RecordObservationsValidator : AbstractValidator<RecordObservations>
{
    public RecordObservationsValidator(TimeProvider clock)
    {
        RuleFor(x => x.Observations).NotEmpty().WithMessage("Send at least one observation.")
            .Must(observations => observations.Count <= RecordObservations.MaxBatch)
            .WithMessage(x => $"A batch holds at most {RecordObservations.MaxBatch:N0} observations; this one has {x.Observations.Count:N0}. Split it.");
        RuleFor(x => x.Observations).Custom((observations, context) =>
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            for (var i = 0; i < observations.Count && i < RecordObservations.MaxBatch; i++)
            {
                foreach (var (field, reason) in ObservationRules.Check(observations[i], today))
                {
                    context.AddFailure($"Observations[{i}].{field}", reason);
                }
            }
            foreach (var (index, earlier) in ObservationRules.Repeats(observations))
            {
                context.AddFailure($"Observations[{index}]", $"It repeats observation {earlier}: the same source, external id and day.");
            }
            foreach (var (index, earlier) in ObservationRules.SeriesConflicts(observations))
            {
                context.AddFailure($"Observations[{index}].ExternalId",
                    ObservationRules.SeriesConflict($"Observation {earlier}", observations[earlier].SubjectId, observations[earlier].Metric));
            }
        });
    }
}

internal sealed class RecordObservationsHandler(ObservationBatcher batcher) : IRequestHandler<RecordObservations, ObservationBatchResult>
{
    public async ValueTask<ObservationBatchResult> Handle(RecordObservations command, CancellationToken cancellationToken) =>
        await batcher.WriteAsync(command.Observations, command.Origin, cancellationToken);
}
