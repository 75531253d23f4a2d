using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace DevRelHub.Metrics.Targets;

/// <summary>The team's target has no advocate; stored as the empty id so the key has no null in it.</summary>
internal static class TargetStore
{
    private const string Select = """
        SELECT quarter AS Quarter, kpi AS Kpi, advocate_id AS AdvocateId, value AS Value, set_by AS SetBy, set_at AS SetAt FROM metrics_target
        """;

    /// <summary>The targets of the quarter in <c>@Quarter</c>, for a command of several queries; <see cref="ReadAsync"/> reads its answer.</summary>
    public const string OfQuarter = $"{Select} WHERE quarter = @Quarter";

    public static async Task<IReadOnlyList<TargetRecord>> ListAsync(DbSession session, Quarter? quarter, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        return Records(await db.QueryAsync<Row>(session.Command(quarter is null ? $"{Select} ORDER BY quarter DESC" : OfQuarter,
            new { Quarter = quarter?.ToString() }, cancellationToken)));
    }

    /// <summary>The answer to <see cref="OfQuarter"/>, next in <paramref name="results"/>.</summary>
    public static async Task<IReadOnlyList<TargetRecord>> ReadAsync(SqlMapper.GridReader results) => Records(await results.ReadAsync<Row>());

    private static IReadOnlyList<TargetRecord> Records(IEnumerable<Row> rows) =>
    [
        .. rows.Select(row => new TargetRecord(Quarter.Parse(row.Quarter), Enum.Parse<KpiName>(row.Kpi), row.AdvocateId == Guid.Empty ? null : row.AdvocateId,
                row.Value, row.SetBy, row.SetAt))
            .OrderByDescending(target => target.Quarter).ThenBy(target => target.AdvocateId.HasValue).ThenBy(target => target.Kpi),
    ];

    /// <summary>The attainment of a KPI's target, for the team (<paramref name="advocateId"/> null) or one advocate; null when no target is set.</summary>
    public static Attainment? Against(IReadOnlyList<TargetRecord> targets, KpiName kpi, Guid? advocateId, long actual) =>
        targets.FirstOrDefault(target => target.Kpi == kpi && target.AdvocateId == advocateId) is { } target ? new Attainment(target.Value, actual) : null;

    private sealed record Row(string Quarter, string Kpi, Guid AdvocateId, long Value, string SetBy, DateTimeOffset SetAt);
}

internal sealed class SetTargetValidator : AbstractValidator<SetTarget>
{
    public SetTargetValidator()
    {
        RuleFor(x => x.Target.Kpi).IsInEnum().OverridePropertyName("kpi");
        RuleFor(x => x.Target.Value).GreaterThan(0).OverridePropertyName("value").WithMessage("A target is more than zero; remove a target you no longer want.");
        RuleFor(x => x.Target.Quarter.Year).InclusiveBetween(2000, 2100).OverridePropertyName("quarter").WithMessage("A target's quarter is between 2000 and 2100.");
    }
}

internal sealed class SetTargetHandler(DbSession session, ISender sender, TimeProvider clock) : ICommandHandler<SetTarget, TargetRecord>
{
    private const string Delete = "DELETE FROM metrics_target WHERE quarter = @Quarter AND kpi = @Kpi AND advocate_id = @AdvocateId";

    private const string Insert = """
        INSERT INTO metrics_target (quarter, kpi, advocate_id, value, set_by, set_at) VALUES (@Quarter, @Kpi, @AdvocateId, @Value, @SetBy, @SetAt)
        """;

    public async ValueTask<TargetRecord> Handle(SetTarget command, CancellationToken cancellationToken)
    {
        var target = command.Target;
        if (target.AdvocateId is { } advocateId && await sender.Send(new GetAdvocate(advocateId), cancellationToken) is null)
        {
            throw new ValidationException([new ValidationFailure("advocateId", $"There is no advocate {advocateId}.")]);
        }
        var record = new TargetRecord(target.Quarter, target.Kpi, target.AdvocateId, target.Value, command.SetBy, clock.GetUtcNow());
        var row = new
        {
            Quarter = record.Quarter.ToString(), Kpi = record.Kpi.ToString(), AdvocateId = record.AdvocateId ?? Guid.Empty, record.Value, record.SetBy, record.SetAt,
        };
        var db = await session.ConnectionAsync(cancellationToken);
        await db.ExecuteAsync(session.Command(Delete, row, cancellationToken));
        await db.ExecuteAsync(session.Command(Insert, row, cancellationToken));
        return record;
    }
}

internal sealed class RemoveTargetHandler(DbSession session) : ICommandHandler<RemoveTarget>
{
    public async ValueTask<Unit> Handle(RemoveTarget command, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        await db.ExecuteAsync(session.Command("DELETE FROM metrics_target WHERE quarter = @Quarter AND kpi = @Kpi AND advocate_id = @AdvocateId",
            new { Quarter = command.Quarter.ToString(), Kpi = command.Kpi.ToString(), AdvocateId = command.AdvocateId ?? Guid.Empty }, cancellationToken));
        return Unit.Value;
    }
}

internal sealed class ListTargetsHandler(DbSession session) : IQueryHandler<ListTargets, IReadOnlyList<TargetRecord>>
{
    public async ValueTask<IReadOnlyList<TargetRecord>> Handle(ListTargets query, CancellationToken cancellationToken) =>
        await TargetStore.ListAsync(session, query.Quarter, cancellationToken);
}
