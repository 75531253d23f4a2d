using Dapper;

namespace DevRelHub.Data;

/// <summary>
/// <c>IN (...)</c> lists of ids (GUIDs, or text keys), one parameter per id and a few hundred per statement. Dapper's own list expansion
/// (<c>IN @Ids</c>) binds the values without the type handlers, so GUIDs would not match their text form on SQLite;
/// and SQL Server takes at most 2,100 parameters in one statement.
/// </summary>
public static class IdLists
{
    public const int ChunkSize = 500;

    /// <summary>Each chunk as its list text <c>(@id0, @id1, …)</c> and the parameters that go with it.</summary>
    public static IEnumerable<(string List, DynamicParameters Parameters)> Chunks<T>(IEnumerable<T> ids, int size = ChunkSize)
        where T : notnull
    {
        foreach (var chunk in ids.Distinct().Chunk(size))
        {
            var parameters = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters.Add($"id{i}", chunk[i]);
            }
            yield return ($"({string.Join(", ", chunk.Select((_, i) => $"@id{i}"))})", parameters);
        }
    }
}
