using System.Net;
using System.Net.Http.Json;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Identity.Contracts;

namespace DevRelHub.Hiring.Tests;

public abstract class CandidateTests(DevRelHubApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Recruiter_creates_a_candidate_and_finds_it_in_the_list()
    {
        await app.StartAsync();
        var recruiter = await app.ClientAsAsync(Roles.Recruiter);

        var created = await recruiter.PostAsJsonAsync("/api/hiring/candidates",
            new { fullName = "Grace Hopper", email = "Grace@Example.com", timeZone = "America/New_York" }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var candidate = await created.Content.ReadFromJsonAsync<CandidateSummary>(Ct);
        Assert.Equal("grace@example.com", candidate!.Email);
        var page = await recruiter.GetFromJsonAsync<CandidatePage>("/api/hiring/candidates", Ct);
        var listed = Assert.Single(page!.Items);
        Assert.Equal((candidate.Id, "Grace Hopper", "America/New_York"), (listed.Id, listed.FullName, listed.TimeZone));
        Assert.Equal(candidate.CreatedAt, listed.CreatedAt);
    }

    [Fact]
    public async Task Candidates_are_listed_by_name_a_page_at_a_time_and_searchable()
    {
        await app.StartAsync();
        foreach (var name in new[] { "Zoe Zimmer", "Adam Ant", "Maria Müller", "Ben Bold" })
        {
            await app.SendAsync(new CreateCandidate(name, $"{name.Replace(' ', '.')}@example.com", null));
        }
        var manager = await app.ClientAsAsync(Roles.HiringManager);

        var first = await manager.GetFromJsonAsync<CandidatePage>("/api/hiring/candidates?page=1&pageSize=2", Ct);
        var second = await manager.GetFromJsonAsync<CandidatePage>("/api/hiring/candidates?page=2&pageSize=2", Ct);
        var found = await manager.GetFromJsonAsync<CandidatePage>("/api/hiring/candidates?search=MÜLLER", Ct);
        var wildcard = await manager.GetFromJsonAsync<CandidatePage>("/api/hiring/candidates?search=%25", Ct);

        Assert.Equal(["Adam Ant", "Ben Bold"], first!.Items.Select(c => c.FullName));
        Assert.Equal(["Maria Müller", "Zoe Zimmer"], second!.Items.Select(c => c.FullName));
        Assert.Equal(4, first.Total);
        Assert.Equal("Maria Müller", Assert.Single(found!.Items).FullName);
        Assert.Empty(wildcard!.Items);
    }

    [Fact]
    public async Task A_candidate_without_name_or_with_a_bad_email_is_refused_with_the_fields_named()
    {
        await app.StartAsync();
        var recruiter = await app.ClientAsAsync(Roles.Recruiter);

        var response = await recruiter.PostAsJsonAsync("/api/hiring/candidates", new { email = "not-an-email", timeZone = "Mars/Olympus" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>(Ct);
        Assert.Equal(["email", "fullName", "timeZone"], problem!.Errors.Keys.Order());
        Assert.Equal(0, (await app.SendAsync(new ListCandidates())).Total);
    }

    [Fact]
    public async Task A_body_of_the_wrong_shape_gets_a_problem_not_a_crash()
    {
        await app.StartAsync();
        var recruiter = await app.ClientAsAsync(Roles.Recruiter);

        var response = await recruiter.PostAsync("/api/hiring/candidates",
            new StringContent("""{ "fullName": 42, "email": [] }""", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("$.fullName", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_email_twice_is_refused_and_the_first_candidate_kept()
    {
        await app.StartAsync();
        await app.SendAsync(new CreateCandidate("Ada Lovelace", "ada@example.com", null));
        var recruiter = await app.ClientAsAsync(Roles.Recruiter);

        var response = await recruiter.PostAsJsonAsync("/api/hiring/candidates", new { fullName = "Someone Else", email = "ADA@example.com" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already exists", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("Ada Lovelace", Assert.Single((await app.SendAsync(new ListCandidates())).Items).FullName);
    }

    [Fact]
    public async Task Only_recruiters_and_admins_create_and_anonymous_callers_get_401()
    {
        await app.StartAsync();
        var advocate = await app.ClientAsAsync(Roles.Advocate);
        var manager = await app.ClientAsAsync(Roles.HiringManager);
        var body = new { fullName = "Nobody", email = "nobody@example.com" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/hiring/candidates", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await advocate.GetAsync("/api/hiring/candidates", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/hiring/candidates", body, Ct)).StatusCode);
        Assert.Equal(0, (await app.SendAsync(new ListCandidates())).Total);
    }

    private sealed record ValidationProblem(Dictionary<string, string[]> Errors);
}

public sealed class CandidateTestsOnSqlite(SqliteApp app) : CandidateTests(app), IClassFixture<SqliteApp>;

public sealed class CandidateTestsOnPostgres(PostgresApp app) : CandidateTests(app), IClassFixture<PostgresApp>;

public sealed class CandidateTestsOnSqlServer(SqlServerApp app) : CandidateTests(app), IClassFixture<SqlServerApp>;
