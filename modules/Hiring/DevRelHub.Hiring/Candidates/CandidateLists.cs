namespace DevRelHub.Hiring.Candidates;

/// <summary>A candidate's short lists (links, specialties, open-source roles), kept one per line in a text column.</summary>
internal static class CandidateLists
{
    public static string? Write(IEnumerable<string>? items)
    {
        var lines = items?.Select(item => item.Trim()).Where(item => item.Length > 0).ToList();
        return lines is { Count: > 0 } ? string.Join('\n', lines) : null;
    }

    public static IReadOnlyList<string> Read(string? text) =>
        text is null ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
