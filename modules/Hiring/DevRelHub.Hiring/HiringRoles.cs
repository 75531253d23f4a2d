using DevRelHub.Identity.Contracts;

namespace DevRelHub.Hiring;

/// <summary>Who does what in hiring.</summary>
internal static class HiringRoles
{
    /// <summary>Run the pipeline: applications, decisions, interviews.</summary>
    public static readonly string[] Pipeline = [Roles.Recruiter, Roles.HiringManager, Roles.Admin];

    /// <summary>Read the funnel.</summary>
    public static readonly string[] Funnel = [Roles.Recruiter, Roles.HiringManager, Roles.Admin, Roles.Executive];

    /// <summary>Sit on interviews and score them.</summary>
    public static readonly string[] Interviewing = [Roles.Recruiter, Roles.HiringManager, Roles.Admin, Roles.Panelist];
}
