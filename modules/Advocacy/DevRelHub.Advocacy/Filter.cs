namespace DevRelHub.Advocacy;

internal static class Filter
{
    /// <summary>
    /// <c>WHERE a AND b</c> of the conditions that apply, or nothing when none does. Only the filters asked for
    /// become conditions, so each query shape can use its index.
    /// </summary>
    public static string Where(params (bool Applies, string Condition)[] conditions) =>
        conditions.Where(condition => condition.Applies).Select(condition => condition.Condition).ToList() is { Count: > 0 } applied
            ? "\nWHERE " + string.Join(" AND ", applied)
            : "";
}
