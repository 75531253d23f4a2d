using Dapper;
using DevRelHub.Data;
using DevRelHub.Identity.Contracts;
using Mediator;

namespace DevRelHub.Identity.Users.Count;

internal sealed class CountUsersHandler(DbSession session) : IQueryHandler<CountUsers, int>
{
    private const string Count = "SELECT CAST(COUNT(*) AS INT) FROM identity_user";

    public async ValueTask<int> Handle(CountUsers query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        return await db.ExecuteScalarAsync<int>(session.Command(Count, null, cancellationToken));
    }
}
