using Dapper;
using DevRelHub.Data;
using DevRelHub.Identity.Contracts;
using Mediator;

namespace DevRelHub.Identity.Users.List;

internal sealed class ListUsersHandler(DbSession session) : IQueryHandler<ListUsers, IReadOnlyList<UserSummary>>
{
    private const string Select = """
        SELECT id AS Id, email AS Email, display_name AS DisplayName, role AS Role
        FROM identity_user
        ORDER BY display_name, email
        """;

    private const string SelectInRole = """
        SELECT id AS Id, email AS Email, display_name AS DisplayName, role AS Role
        FROM identity_user
        WHERE role = @Role
        ORDER BY display_name, email
        """;

    public async ValueTask<IReadOnlyList<UserSummary>> Handle(ListUsers query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        var users = await db.QueryAsync<UserSummary>(session.Command(query.Role is null ? Select : SelectInRole, new { query.Role }, cancellationToken));
        return users.AsList();
    }
}
