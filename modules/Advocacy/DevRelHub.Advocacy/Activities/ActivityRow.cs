namespace DevRelHub.Advocacy.Activities;

internal static class ActivityRow
{
    /// <summary>The columns of <see cref="Contracts.ActivitySummary"/>, joined to the advocate's name.</summary>
    public const string SelectFrom = """
        SELECT a.id AS Id, a.advocate_id AS AdvocateId, v.display_name AS AdvocateName, a.kind AS Kind,
               a.title AS Title, a.occurred_on AS OccurredOn, a.url AS Url
        FROM advocacy_activity a
        JOIN advocacy_advocate v ON v.id = a.advocate_id
        """;
}
