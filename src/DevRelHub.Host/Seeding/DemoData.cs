using DevRelHub.Advocacy.Contracts;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using Mediator;
using AdvocacySpecialty = DevRelHub.Advocacy.Contracts.Specialty;
using Specialty = DevRelHub.Hiring.Contracts.Specialty;

namespace DevRelHub.Host.Seeding;

/// <summary>
/// The demo team, candidates, activities and numbers a first start shows, so every page has something
/// to look at. Written through the modules' own commands, so demo data obeys the same rules as real data.
/// </summary>
internal sealed class DemoData(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DemoData> logger)
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

        await SeedAdvocacyAsync(sender, cancellationToken);
        logger.LogInformation("Seeded demo data: {Users} users (password {Password}), candidates, advocates and activities", Users.Length, Password);
        return true;
    }

    /// <summary>Two advocates with a quarter of work, an upcoming conference with its CFP open, a trip, an invitation and a champion.</summary>
    private async Task SeedAdvocacyAsync(ISender sender, CancellationToken cancellationToken)
    {
        var sam = await sender.Send(new CreateAdvocate("Sam Rivera", "advocate@devrelhub.test", AdvocateLevel.SeniorDeveloperAdvocate, "America/Chicago",
            [AdvocacySpecialty.Kubernetes, AdvocacySpecialty.MayaData], [new SocialAccount("GitHub", "samrivera", "https://github.com/samrivera")]), cancellationToken);
        var jordan = await sender.Send(new CreateAdvocate("Jordan Blake", "jordan.blake@devrelhub.test", AdvocateLevel.DeveloperAdvocate, "Europe/Berlin",
            [AdvocacySpecialty.CiCd, AdvocacySpecialty.MachineLearning]), cancellationToken);
        await sender.Send(new RecordFollowers(sam.Id, [new FollowerCount("GitHub", new(2026, 7, 1), 1_840), new FollowerCount("GitHub", new(2026, 10, 1), 2_310)], Editor.System),
            cancellationToken);
        var activities = new (AdvocateSummary Who, string Title, DateOnly On, ActivityDetails Details, string[] Tags, (MetricKind Metric, long Value)[] Numbers)[]
        {
            (sam, "Stateful workloads on Kubernetes with OpenEBS", new(2026, 7, 14), new TalkDetails("KubeCon + CloudNativeCon China", SessionType.Talk, 420),
                ["storage", "kubernetes"], [(MetricKind.Attendees, 420), (MetricKind.Views, 3_150)]),
            (sam, "Chaos engineering with Litmus in CI/CD", new(2026, 8, 2), new BlogPostDetails("The MayaData blog"), ["chaos", "ci-cd"], [(MetricKind.Reads, 5_870)]),
            (jordan, "Policy as code with OPA and Tekton", new(2026, 8, 21), new WebinarDetails("CNCF webinars", 610, 260), ["policy", "ci-cd"],
                [(MetricKind.Attendees, 260), (MetricKind.Views, 1_140)]),
            (jordan, "Kubeflow in production", new(2026, 9, 9), new PodcastDetails("Kubernetes Podcast", PodcastRole.Guest), ["ml"], [(MetricKind.Listens, 2_300)]),
            (sam, "CSI snapshot docs for Helm chart", new(2026, 9, 18), new OpenSourceContributionDetails("OpenEBS", ContributionType.Docs, "https://github.com/openebs/openebs/pull/3712"),
                ["storage"], [(MetricKind.Stars, 35)]),
            (jordan, "Cloud Native Berlin: storage for stateful apps", new(2026, 5, 12), new MeetupDetails("Cloud Native Berlin", "Berlin", Attendees: 85), ["storage"],
                [(MetricKind.Attendees, 85)]),
            (sam, "Customers ask for snapshot scheduling", new(2026, 9, 25), new ProductFeedbackDetails(FeedbackTeam.Product, FeedbackStatus.Planned, "Three enterprise users"),
                ["storage"], []),
        };
        foreach (var (who, title, on, details, tags, numbers) in activities)
        {
            var activity = await sender.Send(new LogActivity(new ActivityInput(who.Id, title, on, details, Tags: tags), Editor.System), cancellationToken);
            if (numbers.Length > 0)
            {
                await sender.Send(new RecordObservations([.. numbers.Select(n => new ObservationInput(activity.Id, n.Metric, n.Value, on.AddDays(7), Source: ChannelOf(n.Metric)))], "demo"),
                    cancellationToken);
            }
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var kubecon = await sender.Send(new CreateEvent(new EventInput("KubeCon + CloudNativeCon Europe", EventKind.Conference, today.AddDays(120), today.AddDays(123),
            "Amsterdam", Url: "https://events.linuxfoundation.org/", CfpOpensOn: today.AddDays(-30),
            CfpClosesAt: new DateTimeOffset(today.AddDays(20).ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero), NotificationOn: today.AddDays(60))), cancellationToken);
        await sender.Send(new CreateEvent(new EventInput("Cloud Native Rejekts", EventKind.Conference, today.AddDays(118), today.AddDays(119), "Amsterdam",
            CfpClosesAt: new DateTimeOffset(today.AddDays(9).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero))), cancellationToken);
        await sender.Send(new CreateSubmission(kubecon.Id, sam.Id, "Chaos-testing stateful sets with Litmus", "What breaks when storage fails, and how to know first.", Editor.System),
            cancellationToken);
        await sender.Send(new CreateTrip(new TripInput(sam.Id, "Amsterdam", today.AddDays(119), today.AddDays(124), kubecon.Id, "KubeCon Europe"), Editor.System), cancellationToken);
        await sender.Send(new RecordInvitation(new InvitationInput(jordan.Id, InvitationKind.ProgramCommittee, "CD Summit program committee", "Continuous Delivery Foundation",
            new(2026, 9, 2), InvitationAnswer.Accepted, new(2026, 9, 4)), Editor.System), cancellationToken);
        await sender.Send(new RecordContribution(new ContributionInput("Priya Natarajan", ContentKind.BlogPost, "Running Postgres on OpenEBS: what I learned",
            "https://dev.to/priya/postgres-openebs", new(2026, 8, 30), Campaign: "Stateful on Kubernetes"), "system"), cancellationToken);
    }

    // Where such a number comes from, so the demo's breakdown by channel reads like a real one.
    private static string ChannelOf(MetricKind metric) => metric switch
    {
        MetricKind.Attendees => "Event organiser",
        MetricKind.Views => "YouTube",
        MetricKind.Reads => "Blog analytics",
        MetricKind.Listens => "Podcast host",
        _ => "GitHub",
    };
}
