using Dapper;
using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using FluentValidation;
using Mediator;

namespace DevRelHub.Hiring.Candidates.List;

internal sealed class ListCandidatesValidator : AbstractValidator<ListCandidates>
{
    public ListCandidatesValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 200);
        RuleFor(x => x.Search).MaximumLength(200);
    }
}

internal sealed class ListCandidatesHandler(DbSession session, ISqlDialect dialect) : IQueryHandler<ListCandidates, CandidatePage>
{
    private const string Count = "SELECT CAST(COUNT(*) AS BIGINT) FROM hiring_candidate";
    private const string Select = """
        SELECT id AS Id, full_name AS FullName, email AS Email, time_zone AS TimeZone, created_at AS CreatedAt
        FROM hiring_candidate
        """;
    private const string NotErased = "\nWHERE erased_at IS NULL";
    private const string SearchCondition = " AND (LOWER(full_name) LIKE @Search ESCAPE '\\' OR email LIKE @Search ESCAPE '\\')";
    private const string Order = "\nORDER BY full_name, id";

    public async ValueTask<CandidatePage> Handle(ListCandidates query, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            Search = string.IsNullOrWhiteSpace(query.Search) ? null : $"%{EscapeLike(query.Search.Trim().ToLowerInvariant())}%",
            Offset = (query.Page - 1) * query.PageSize,
            Limit = query.PageSize,
        };
        var where = NotErased + (parameters.Search is null ? "" : SearchCondition);
        var db = await session.ConnectionAsync(cancellationToken);
        var total = await db.ExecuteScalarAsync<long>(session.Command(Count + where, parameters, cancellationToken));
        var items = await db.QueryAsync<CandidateSummary>(session.Command(Select + where + Order + dialect.Paging, parameters, cancellationToken));
        return new CandidatePage([.. items], query.Page, query.PageSize, total);
    }

    private static string EscapeLike(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal);
}
