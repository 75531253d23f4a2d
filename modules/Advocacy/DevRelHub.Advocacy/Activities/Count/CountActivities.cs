using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using Mediator;

namespace DevRelHub.Advocacy.Activities.Count;

internal sealed class CountActivitiesHandler(DbSession session) : IQueryHandler<CountActivities, long>
{
    private const string Count = """
        SELECT CAST(COUNT(*) AS BIGINT) FROM advocacy_activity
        WHERE occurred_on >= @From AND occurred_on <= @To
        """;

    public async ValueTask<long> Handle(CountActivities query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        return await db.ExecuteScalarAsync<long>(session.Command(Count, new { query.From, query.To }, cancellationToken));
    }
}
