using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using Mediator;

namespace DevRelHub.Advocacy.Advocates.List;

internal sealed class ListAdvocatesHandler(DbSession session) : IQueryHandler<ListAdvocates, IReadOnlyList<AdvocateSummary>>
{
    private const string Select = """
        SELECT id AS Id, display_name AS DisplayName, email AS Email
        FROM advocacy_advocate
        ORDER BY display_name, id
        """;

    public async ValueTask<IReadOnlyList<AdvocateSummary>> Handle(ListAdvocates query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        return [.. await db.QueryAsync<AdvocateSummary>(session.Command(Select, null, cancellationToken))];
    }
}
