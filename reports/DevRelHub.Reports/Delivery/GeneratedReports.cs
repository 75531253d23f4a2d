using Dapper;
using DevRelHub.Data;
using Mediator;

namespace DevRelHub.Reports.Delivery;

/// <summary>A report that was generated and sent, newest first.</summary>
public sealed record GeneratedReport(Guid Id, string Quarter, string Reason, DateTimeOffset CreatedAt, string CreatedBy, int Recipients, int Size);

public sealed record ListGeneratedReports(int Top = 100) : IQuery<IReadOnlyList<GeneratedReport>>;

/// <summary>The PDF of a generated report; null when there is none with that id.</summary>
public sealed record GetGeneratedReport(Guid Id) : IQuery<GeneratedReportFile?>;

public sealed record GeneratedReportFile(string Quarter, byte[] Content);

internal sealed class ListGeneratedReportsHandler(DbSession session, ISqlDialect dialect) : IQueryHandler<ListGeneratedReports, IReadOnlyList<GeneratedReport>>
{
    private const string Select = """
        SELECT id AS Id, quarter AS Quarter, reason AS Reason, created_at AS CreatedAt, created_by AS CreatedBy, recipients AS Recipients, size AS Size
        FROM reports_document
        ORDER BY created_at DESC
        """;

    public async ValueTask<IReadOnlyList<GeneratedReport>> Handle(ListGeneratedReports query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        var reports = await db.QueryAsync<GeneratedReport>(session.Command(Select + dialect.Paging, new { Limit = Math.Clamp(query.Top, 1, 500), Offset = 0 }, cancellationToken));
        return reports.AsList();
    }
}

internal sealed class GetGeneratedReportHandler(DbSession session) : IQueryHandler<GetGeneratedReport, GeneratedReportFile?>
{
    private const string Select = "SELECT quarter AS Quarter, content AS Content FROM reports_document WHERE id = @Id";

    public async ValueTask<GeneratedReportFile?> Handle(GetGeneratedReport query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        return await db.QuerySingleOrDefaultAsync<GeneratedReportFile>(session.Command(Select, new { query.Id }, cancellationToken));
    }
}
