using System.Globalization;
using System.Text.Json;
using Dapper;

namespace DevRelHub.Data;

/// <summary>
/// <c>IN (...)</c> lists of ids (GUIDs, or text keys), one parameter per id and a hundred per statement. Dapper's own
/// list expansion (<c>IN @Ids</c>) binds the values without the type handlers, so GUIDs would not match their text form
/// on SQLite; SQL Server takes at most 2,100 parameters in one statement; and Microsoft.Data.Sqlite finds each
/// parameter by name among the statement's, so a list costs the square of its length (measured: lists of 500 were a
/// quarter of a 10,000-observation batch's time). A long list of texts goes better as one JSON array parameter
/// (<see cref="Json"/>) read as a table (<see cref="ISqlDialect.TextsTable"/>): one statement however long.
/// </summary>
public static class IdLists
{
    public const int ChunkSize = 100;

    /// <summary>Each chunk as its list text <c>(@id0, @id1, …)</c> and the parameters that go with it.</summary>
    public static IEnumerable<(string List, DynamicParameters Parameters)> Chunks<T>(IEnumerable<T> ids)
        where T : notnull
    {
        foreach (var chunk in ids.Distinct().Chunk(ChunkSize))
        {
            var parameters = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters.Add($"id{i}", chunk[i]);
            }
            yield return ($"({string.Join(", ", chunk.Select((_, i) => $"@id{i}"))})", parameters);
        }
    }

    /// <summary>Texts as the one JSON array parameter that <see cref="ISqlDialect.TextsTable"/> reads back: a list of thousands in one statement.</summary>
    public static string Json(IEnumerable<string> texts) => JsonSerializer.Serialize(texts.Distinct());

    /// <summary>Two-text, one-day keys as the one JSON array parameter that <see cref="ISqlDialect.KeysByDayTable"/> reads back on SQLite and SQL Server.</summary>
    public static string KeysByDay(IEnumerable<(string First, string Second, DateOnly Day)> keys) =>
        JsonSerializer.Serialize(keys.Distinct().Select(key => new[] { key.First, key.Second, key.Day.ToString(TypeHandlers.SqliteDateFormat, CultureInfo.InvariantCulture) }));

    /// <summary><see cref="KeysByDay"/> as the parameter named <paramref name="parameter"/>.</summary>
    internal static DynamicParameters KeysByDayParameter(string parameter, IEnumerable<(string First, string Second, DateOnly Day)> keys)
    {
        var parameters = new DynamicParameters();
        parameters.Add(parameter.TrimStart('@'), KeysByDay(keys));
        return parameters;
    }
}
