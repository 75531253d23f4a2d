using DevRelHub.Hiring.Contracts;

namespace DevRelHub.Hiring.Openings;

/// <summary>What the team's brief asks of each level; a new opening starts with these as its checklist.</summary>
internal static class Requirements
{
    public static IReadOnlyList<string> For(OpeningLevel level) => level switch
    {
        OpeningLevel.SeniorDeveloperAdvocate =>
        [
            "2–3 years creating technical content for audiences of 300+",
            "More than 3 specialties (Kubernetes, CI/CD, MayaData, Machine Learning, Ecosystem)",
            "Delivers half-day hands-on workshops",
            "Media spokesperson experience",
            "SIG lead, maintainer or author in the cloud-native community",
            "10k+ followers on social media",
            "Keynote speaker at industry conferences",
            "Published content on Forbes, The New Stack or similar",
        ],
        _ =>
        [
            "Industry experience building software",
            "Contributes to CNCF open-source projects",
            "At least one specialty (Kubernetes, CI/CD, MayaData, Machine Learning, Ecosystem)",
            "At least 1 year of talks, demos, webinars and videos",
            "Active social-media presence",
            "Handles a CFP schedule and its deadlines",
            "Able to travel up to 40%",
            "Has used OpenEBS, Director or Litmus",
        ],
    };
}
