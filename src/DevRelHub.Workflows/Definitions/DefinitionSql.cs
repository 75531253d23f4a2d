using Dapper;
using DevRelHub.Data;

namespace DevRelHub.Workflows.Definitions;

/// <summary>The writes that creating, drafting and importing share: a version row and the definition's head pointing at it.</summary>
internal static class DefinitionSql
{
    private const string InsertHead = """
        INSERT INTO workflow_definition (id, name, version, is_published, created_at)
        VALUES (@Id, @Name, 1, @False, @Now)
        """;

    private const string InsertVersion = """
        INSERT INTO workflow_definition_version (definition_id, version, graph, is_published, created_at)
        VALUES (@Id, @Version, @Graph, @False, @Now)
        """;

    private const string MoveHead = "UPDATE workflow_definition SET version = @Version, is_published = @False WHERE id = @Id";

    private const string UpdateDraft = """
        UPDATE workflow_definition_version SET graph = @Graph, created_at = @Now
        WHERE definition_id = @Id AND version = @Version AND is_published = @False
        """;

    internal sealed record Head(Guid Id, string Name, int Version, bool IsPublished, DateTimeOffset CreatedAt);

    public const string SelectHead = """
        SELECT id AS Id, name AS Name, version AS Version, is_published AS IsPublished, created_at AS CreatedAt
        FROM workflow_definition
        """;

    /// <summary>Creates the definition and its empty version 1; false when the name is taken.</summary>
    public static async ValueTask<bool> TryCreateAsync(DbSession session, Guid id, string name, WorkflowGraph graph, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await session.TryExecuteUniqueAsync(InsertHead, new { Id = id, Name = name, False = false, Now = now }, cancellationToken))
        {
            return false;
        }
        var db = await session.ConnectionAsync(cancellationToken);
        await db.ExecuteAsync(session.Command(InsertVersion, new { Id = id, Version = 1, Graph = graph.ToJson(), False = false, Now = now }, cancellationToken));
        return true;
    }

    /// <summary>Writes the graph into the head's draft, or into a new draft version when the head is published.</summary>
    public static async ValueTask<int> SaveDraftAsync(DbSession session, Head head, WorkflowGraph graph, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        var parameters = new { head.Id, Version = head.IsPublished ? head.Version + 1 : head.Version, Graph = graph.ToJson(), False = false, Now = now };
        if (head.IsPublished)
        {
            await db.ExecuteAsync(session.Command(InsertVersion, parameters, cancellationToken));
            await db.ExecuteAsync(session.Command(MoveHead, parameters, cancellationToken));
        }
        else
        {
            await db.ExecuteAsync(session.Command(UpdateDraft, parameters, cancellationToken));
        }
        return parameters.Version;
    }

    public static async ValueTask<Head> HeadAsync(DbSession session, Guid id, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        return await db.QuerySingleOrDefaultAsync<Head>(session.Command(SelectHead + " WHERE id = @Id", new { Id = id }, cancellationToken))
            ?? throw new NotFoundException($"There is no workflow {id}.");
    }
}
