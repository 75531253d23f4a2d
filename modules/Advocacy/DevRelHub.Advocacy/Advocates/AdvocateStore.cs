using DevRelHub.Advocacy.Contracts;
using DevRelHub.Workflows.Runtime;

namespace DevRelHub.Advocacy.Advocates;

/// <summary>An advocate's rows: profile, accounts and follower series.</summary>
internal static class AdvocateStore
{
    private const string SelectProfile = """
        SELECT id AS Id, display_name AS DisplayName, email AS Email, level AS Level, time_zone AS TimeZone,
               specialties AS Specialties, candidate_id AS CandidateId, created_at AS CreatedAt
        FROM advocacy_advocate WHERE id = @Id
        """;

    private const string SelectAccounts = "SELECT network AS Network, handle AS Handle, url AS Url FROM advocacy_account WHERE advocate_id = @Id ORDER BY network";

    private const string SelectFollowers = """
        SELECT network AS Network, counted_on AS CountedOn, followers AS Followers
        FROM advocacy_follower_count WHERE advocate_id = @Id ORDER BY network, counted_on
        """;

    private const string DeleteAccounts = "DELETE FROM advocacy_account WHERE advocate_id = @Id";

    private const string InsertAccount = "INSERT INTO advocacy_account (advocate_id, network, handle, url) VALUES (@AdvocateId, @Network, @Handle, @Url)";

    private const string DeleteFollowers = "DELETE FROM advocacy_follower_count WHERE advocate_id = @AdvocateId AND network = @Network AND counted_on = @CountedOn";

    private const string InsertFollowers = """
        INSERT INTO advocacy_follower_count (advocate_id, network, counted_on, followers)
        VALUES (@AdvocateId, @Network, @CountedOn, @Followers)
        """;

    public static async Task<AdvocateProfile?> FindAsync(Sql db, Guid id)
    {
        var row = await db.SingleOrDefaultAsync<ProfileRow>(SelectProfile, new { Id = id });
        if (row is null)
        {
            return null;
        }
        var accounts = await db.QueryAsync<SocialAccount>(SelectAccounts, new { Id = id });
        var followers = await db.QueryAsync<FollowerCount>(SelectFollowers, new { Id = id });
        return new AdvocateProfile(
            row.Id, row.DisplayName, row.Email, Enum.Parse<AdvocateLevel>(row.Level), row.TimeZone, ParseSpecialties(row.Specialties),
            accounts, followers, row.CandidateId, row.CreatedAt);
    }

    public static async Task ReplaceAccountsAsync(Sql db, Guid advocateId, IEnumerable<SocialAccount> accounts)
    {
        await db.ExecuteAsync(DeleteAccounts, new { Id = advocateId });
        foreach (var account in accounts)
        {
            await db.ExecuteAsync(InsertAccount, new
            {
                AdvocateId = advocateId, Network = account.Network.Trim(), Handle = account.Handle.Trim(), Url = Validation.Clean(account.Url),
            });
        }
    }

    public static async Task RecordFollowersAsync(Sql db, Guid advocateId, IEnumerable<FollowerCount> counts)
    {
        foreach (var count in counts)
        {
            var row = new { AdvocateId = advocateId, Network = count.Network.Trim(), count.CountedOn, count.Followers };
            await db.ExecuteAsync(DeleteFollowers, row);
            await db.ExecuteAsync(InsertFollowers, row);
        }
    }

    public static string? FormatSpecialties(IEnumerable<Specialty>? specialties) =>
        specialties?.Distinct().Order().ToList() is { Count: > 0 } list ? string.Join(',', list) : null;

    public static IReadOnlyList<Specialty> ParseSpecialties(string? text) =>
        string.IsNullOrEmpty(text) ? [] : [.. text.Split(',').Select(Enum.Parse<Specialty>)];

    private sealed record ProfileRow(
        Guid Id, string DisplayName, string Email, string Level, string? TimeZone, string? Specialties, Guid? CandidateId, DateTimeOffset CreatedAt);
}
