namespace DevRelHub.Identity.Contracts;

/// <summary>The roles a user can hold. Each user holds exactly one.</summary>
public static class Roles
{
    public const string Recruiter = nameof(Recruiter);
    public const string HiringManager = nameof(HiringManager);
    public const string Panelist = nameof(Panelist);
    public const string Executive = nameof(Executive);
    public const string Advocate = nameof(Advocate);
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } = [Recruiter, HiringManager, Panelist, Executive, Advocate, Admin];
}
