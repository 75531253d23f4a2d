using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using FluentValidation;
using Mediator;

namespace DevRelHub.Advocacy.Activities.List;

internal sealed class ListActivitiesValidator : AbstractValidator<ListActivities>
{
    public ListActivitiesValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 200);
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
            .WithMessage("To must not be before From.");
    }
}

internal sealed class ListActivitiesHandler(DbSession session, ISqlDialect dialect) : IQueryHandler<ListActivities, ActivityPage>
{
    private const string Count = "SELECT CAST(COUNT(*) AS BIGINT) FROM advocacy_activity a";
    private const string Order = "\nORDER BY a.occurred_on DESC, a.id DESC";
    private const string FromCondition = "a.occurred_on >= @From";
    private const string ToCondition = "a.occurred_on <= @To";
    private const string AdvocateCondition = "a.advocate_id = @AdvocateId";

    public async ValueTask<ActivityPage> Handle(ListActivities query, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            query.From,
            query.To,
            query.AdvocateId,
            Offset = (query.Page - 1) * query.PageSize,
            Limit = query.PageSize,
        };
        // Only the filters asked for become conditions, so each query shape can use its index.
        var conditions = new List<string>();
        if (query.From is not null)
        {
            conditions.Add(FromCondition);
        }
        if (query.To is not null)
        {
            conditions.Add(ToCondition);
        }
        if (query.AdvocateId is not null)
        {
            conditions.Add(AdvocateCondition);
        }
        var where = conditions.Count == 0 ? "" : "\nWHERE " + string.Join(" AND ", conditions);
        var db = await session.ConnectionAsync(cancellationToken);
        var total = await db.ExecuteScalarAsync<long>(session.Command(Count + where, parameters, cancellationToken));
        var items = await db.QueryAsync<ActivitySummary>(session.Command(ActivityRow.SelectFrom + where + Order + dialect.Paging, parameters, cancellationToken));
        return new ActivityPage([.. items], query.Page, query.PageSize, total);
    }
}
