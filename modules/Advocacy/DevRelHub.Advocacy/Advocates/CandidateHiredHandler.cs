using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Workflows.Runtime;
using Mediator;
using HiringSpecialty = DevRelHub.Hiring.Contracts.Specialty;
using Specialty = DevRelHub.Advocacy.Contracts.Specialty;

namespace DevRelHub.Advocacy.Advocates;

/// <summary>
/// A hired candidate joins the team with what the application knew: name, e-mail, time zone, level, specialties,
/// profile links as accounts and their follower count as the first point of the series. Hearing the same hire
/// twice, or of someone already on the team by e-mail, links the candidate and adds no one.
/// </summary>
internal sealed class HiredCandidates(DbSession session, TimeProvider clock)
{
    private const string SelectByEmail = "SELECT id FROM advocacy_advocate WHERE email = @Email";

    private const string LinkCandidate = "UPDATE advocacy_advocate SET candidate_id = @CandidateId WHERE id = @Id AND candidate_id IS NULL";

    private const string Insert = """
        INSERT INTO advocacy_advocate (id, display_name, email, level, time_zone, specialties, candidate_id, created_at)
        VALUES (@Id, @DisplayName, @Email, @Level, @TimeZone, @Specialties, @CandidateId, @CreatedAt)
        """;

    /// <summary>Adds the hired candidate to the team unless someone with their e-mail is on it; answers whether it added them.</summary>
    public async Task<bool> JoinAsync(CandidateHired hire, CancellationToken cancellationToken) =>
        await session.InTransactionAsync(async _ => await JoinInTransactionAsync(hire, cancellationToken), cancellationToken);

    private async ValueTask<bool> JoinInTransactionAsync(CandidateHired hire, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var email = hire.Email.Trim().ToLowerInvariant();
        if (await db.ScalarAsync<Guid?>(SelectByEmail, new { Email = email }) is { } existing)
        {
            await db.ExecuteAsync(LinkCandidate, new { Id = existing, hire.CandidateId });
            return false;
        }
        var id = Guid.CreateVersion7(hire.HiredAt);
        await db.ExecuteAsync(Insert, new
        {
            Id = id, DisplayName = hire.FullName, Email = email, Level = LevelOf(hire.Level).ToString(), TimeZone = Validation.Clean(hire.TimeZone),
            Specialties = AdvocateStore.FormatSpecialties(hire.Specialties.Select(SpecialtyOf)), hire.CandidateId, CreatedAt = clock.GetUtcNow(),
        });
        var accounts = hire.Links.Select(AccountOf).OfType<SocialAccount>().DistinctBy(account => account.Network.ToLowerInvariant()).ToList();
        await AdvocateStore.ReplaceAccountsAsync(db, id, accounts);
        if (hire.FollowerCount is { } followers)
        {
            var network = accounts.FirstOrDefault()?.Network ?? "All networks";
            await AdvocateStore.RecordFollowersAsync(db, id, [new FollowerCount(network, DateOnly.FromDateTime(hire.HiredAt.UtcDateTime), followers)]);
        }
        return true;
    }

    private static AdvocateLevel LevelOf(OpeningLevel level) => level switch
    {
        OpeningLevel.SeniorDeveloperAdvocate => AdvocateLevel.SeniorDeveloperAdvocate,
        _ => AdvocateLevel.DeveloperAdvocate,
    };

    private static Specialty SpecialtyOf(HiringSpecialty specialty) => specialty switch
    {
        HiringSpecialty.Kubernetes => Specialty.Kubernetes,
        HiringSpecialty.CiCd => Specialty.CiCd,
        HiringSpecialty.MayaData => Specialty.MayaData,
        HiringSpecialty.MachineLearning => Specialty.MachineLearning,
        _ => Specialty.Ecosystem,
    };

    /// <summary>A profile link as an account on its site: github.com/sam → ("GitHub", "sam").</summary>
    private static SocialAccount? AccountOf(string link)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return null;
        }
        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        var network = host.ToLowerInvariant() switch
        {
            "github.com" => "GitHub",
            "linkedin.com" => "LinkedIn",
            "twitter.com" or "x.com" => "X",
            "youtube.com" => "YouTube",
            "bsky.app" => "Bluesky",
            "mastodon.social" => "Mastodon",
            _ => host,
        };
        var handle = uri.AbsolutePath.Trim('/').Split('/').LastOrDefault(part => part.Length > 0) ?? host;
        return new SocialAccount(network, handle.TrimStart('@'), link);
    }
}

internal sealed class CandidateHiredHandler(HiredCandidates hires) : INotificationHandler<CandidateHired>
{
    public async ValueTask Handle(CandidateHired hire, CancellationToken cancellationToken) => await hires.JoinAsync(hire, cancellationToken);
}

internal sealed class SyncHiredAdvocatesHandler(ISender sender, HiredCandidates hires) : IRequestHandler<SyncHiredAdvocates, int>
{
    public async ValueTask<int> Handle(SyncHiredAdvocates request, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var hire in await sender.Send(new ListHires(), cancellationToken))
        {
            added += await hires.JoinAsync(hire, cancellationToken) ? 1 : 0;
        }
        return added;
    }
}
