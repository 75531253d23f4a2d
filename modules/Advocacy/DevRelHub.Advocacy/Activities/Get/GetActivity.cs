using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using Mediator;

namespace DevRelHub.Advocacy.Activities.Get;

internal sealed class GetActivityHandler(DbSession session) : IQueryHandler<GetActivity, ActivitySummary?>
{
    private const string Select = ActivityRow.SelectFrom + "\nWHERE a.id = @Id";

    public async ValueTask<ActivitySummary?> Handle(GetActivity query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        return await db.QuerySingleOrDefaultAsync<ActivitySummary>(session.Command(Select, new { query.Id }, cancellationToken));
    }
}
