namespace DevRelHub.Advocacy.Contracts;

/// <summary>
/// Who changes an advocacy record. Advocates change their own records (those of the advocate with their
/// e-mail); Admin changes all.
/// </summary>
public sealed record Editor(string Email, bool IsAdmin)
{
    /// <summary>The application itself: demo data, imports run from the command line, other modules' facts.</summary>
    public static Editor System { get; } = new("system", IsAdmin: true);
}
