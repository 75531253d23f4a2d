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
    private const string Filter = """
        WHERE (@From IS NULL OR a.occurred_on >= @From)
          AND (@To IS NULL OR a.occurred_on <= @To)
          AND (@AdvocateId IS NULL OR a.advocate_id = @AdvocateId)
        """;

    private const string Count = "SELECT CAST(COUNT(*) AS BIGINT) FROM advocacy_activity a\n" + Filter;

    private const string Select = ActivityRow.SelectFrom + "\n" + Filter + "\nORDER BY a.occurred_on DESC, a.id DESC";

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
        var db = await session.ConnectionAsync(cancellationToken);
        var total = await db.ExecuteScalarAsync<long>(session.Command(Count, parameters, cancellationToken));
        var items = await db.QueryAsync<ActivitySummary>(session.Command(Select + dialect.Paging, parameters, cancellationToken));
        return new ActivityPage([.. items], query.Page, query.PageSize, total);
    }
}
