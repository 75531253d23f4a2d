using DevRelHub.Advocacy.Contracts;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using Mediator;

namespace DevRelHub.Host.Seeding;

/// <summary>
/// The demo team, candidates, activities and numbers a first start shows, so every page has something
/// to look at. Written through the modules' own commands, so demo data obeys the same rules as real data.
/// </summary>
internal sealed class DemoData(IServiceScopeFactory scopes, ILogger<DemoData> logger)
{
    public const string Password = "Demo!2026";

    private static readonly (string Email, string Name, string Role)[] Users =
    [
        ("admin@devrelhub.test", "Ada Admin", Roles.Admin),
        ("recruiter@devrelhub.test", "Riley Chen", Roles.Recruiter),
        ("manager@devrelhub.test", "Morgan Lee", Roles.HiringManager),
        ("panelist1@devrelhub.test", "Priya Shah", Roles.Panelist),
        ("panelist2@devrelhub.test", "Diego Alvarez", Roles.Panelist),
        ("panelist3@devrelhub.test", "Hannah Kim", Roles.Panelist),
        ("exec@devrelhub.test", "Evelyn Carter", Roles.Executive),
        ("advocate@devrelhub.test", "Sam Rivera", Roles.Advocate),
    ];

    /// <summary>Seeds once: does nothing when the database already has users. Answers whether it seeded.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        if (await sender.Send(new CountUsers(), cancellationToken) > 0)
        {
            return false;
        }
        foreach (var (email, name, role) in Users)
        {
            await sender.Send(new CreateUser(email, name, role, Password), cancellationToken);
        }

        var advocate = await sender.Send(new CreateOpening("Developer Advocate", OpeningLevel.DeveloperAdvocate), cancellationToken);
        var senior = await sender.Send(new CreateOpening("Senior Developer Advocate", OpeningLevel.SeniorDeveloperAdvocate), cancellationToken);
        var candidates = new List<(CandidateSummary Candidate, OpeningSummary Opening, int Advances)>();
        foreach (var (name, email, zone, specialties, opening, advances) in new[]
        {
            ("Alice Novak", "alice.novak@example.com", "Europe/Prague", new[] { Specialty.Kubernetes, Specialty.MayaData }, advocate, 1),
            ("Bruno Costa", "bruno.costa@example.com", "America/Sao_Paulo", new[] { Specialty.CiCd }, advocate, 0),
            ("Chidi Okafor", "chidi.okafor@example.com", "Africa/Lagos", new[] { Specialty.Kubernetes, Specialty.CiCd, Specialty.MachineLearning, Specialty.Ecosystem }, senior, 2),
            ("Dana Whitfield", "dana.whitfield@example.com", "America/New_York", new[] { Specialty.Ecosystem }, senior, 0),
        })
        {
            var candidate = await sender.Send(new CreateCandidate(name, email, zone, Specialties: specialties, YearsSpeaking: 2 + advances), cancellationToken);
            candidates.Add((candidate, opening, advances));
        }
        foreach (var (candidate, opening, advances) in candidates)
        {
            var application = await sender.Send(new CreateApplication(candidate.Id, opening.Id, "recruiter@devrelhub.test"), cancellationToken);
            for (var i = 0; i < advances; i++)
            {
                await sender.Send(new DecideApplication(application.Application.Id, Decision.Advance, null, "Demo", "manager@devrelhub.test", [Roles.HiringManager]),
                    cancellationToken);
            }
        }

        var sam = await sender.Send(new CreateAdvocate("Sam Rivera", "advocate@devrelhub.test"), cancellationToken);
        var jordan = await sender.Send(new CreateAdvocate("Jordan Blake", "jordan.blake@devrelhub.test"), cancellationToken);
        var activities = new (AdvocateSummary Who, ActivityKind Kind, string Title, DateOnly On, (MetricKind Metric, long Value)[] Numbers)[]
        {
            (sam, ActivityKind.Talk, "Stateful workloads on Kubernetes with OpenEBS", new(2026, 7, 14), [(MetricKind.Attendees, 420), (MetricKind.Views, 3_150)]),
            (sam, ActivityKind.BlogPost, "Chaos engineering with Litmus in CI/CD", new(2026, 8, 2), [(MetricKind.Reads, 5_870)]),
            (jordan, ActivityKind.Webinar, "Policy as code with OPA and Tekton", new(2026, 8, 21), [(MetricKind.Attendees, 260), (MetricKind.Views, 1_140)]),
            (jordan, ActivityKind.Podcast, "Kubeflow in production", new(2026, 9, 9), [(MetricKind.Listens, 2_300)]),
            (sam, ActivityKind.OpenSourceContribution, "CSI snapshot docs for Helm chart", new(2026, 9, 18), [(MetricKind.Stars, 35)]),
            (jordan, ActivityKind.Meetup, "Cloud Native Berlin: storage for stateful apps", new(2026, 5, 12), [(MetricKind.Attendees, 85)]),
        };
        foreach (var (who, kind, title, on, numbers) in activities)
        {
            var activity = await sender.Send(new LogActivity(who.Id, kind, title, on, null), cancellationToken);
            foreach (var (metric, value) in numbers)
            {
                await sender.Send(new RecordObservation(activity.Id, metric, value, on.AddDays(7), "demo"), cancellationToken);
            }
        }
        logger.LogInformation("Seeded demo data: {Users} users (password {Password}), candidates, advocates and activities", Users.Length, Password);
        return true;
    }
}
