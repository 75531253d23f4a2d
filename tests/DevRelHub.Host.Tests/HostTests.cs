using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DevRelHub.Identity.Contracts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DevRelHub.Host.Tests;

public sealed class HostTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_answers_200_to_anyone_once_the_database_is_migrated()
    {
        await app.StartAsync();

        var response = await app.AnonymousClient().GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_use_case_of_the_skeleton_and_how_to_authenticate()
    {
        await app.StartAsync();

        using var document = JsonDocument.Parse(await app.AnonymousClient().GetStringAsync("/openapi/v1.json", Ct));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        Assert.Superset(
            new HashSet<string>
            {
                "/api/auth/login", "/api/hiring/candidates", "/api/advocacy/activities", "/api/advocacy/advocates",
                "/api/metrics/observations", "/api/metrics/quarters/{quarter}/summary", "/api/reports/quarterly/{quarter}.pdf",
                "/api/workflows/definitions",
            },
            paths.ToHashSet());
        var bearer = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
    }

    [Fact]
    public async Task Signing_in_sets_an_http_only_session_cookie_that_the_api_accepts()
    {
        await app.StartAsync();
        await app.SendAsync(new CreateUser("riley@devrelhub.test", "Riley Chen", Roles.Recruiter, "Secret!2026"));
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

        var login = await browser.PostAsJsonAsync("/api/auth/login", new { email = "Riley@DevRelHub.test", password = "Secret!2026" }, Ct);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("devrelhub.auth=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await browser.GetFromJsonAsync<UserSummary>("/api/auth/me", Ct);
        Assert.Equal(("riley@devrelhub.test", "Riley Chen", Roles.Recruiter), (me!.Email, me.DisplayName, me.Role));
    }

    [Fact]
    public async Task A_wrong_password_gets_a_401_problem_and_no_cookie()
    {
        await app.StartAsync();
        await app.SendAsync(new CreateUser("riley@devrelhub.test", "Riley Chen", Roles.Recruiter, "Secret!2026"));

        var response = await app.AnonymousClient().PostAsJsonAsync("/api/auth/login", new { email = "riley@devrelhub.test", password = "guess" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_sign_in_page_is_public_and_other_pages_send_strangers_to_it()
    {
        await app.StartAsync();
        var stranger = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var signIn = await stranger.GetAsync("/account/login", Ct);
        var candidates = await stranger.GetAsync("/hiring/candidates", Ct);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Sign in", await signIn.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, candidates.StatusCode);
        Assert.Equal("/account/login", candidates.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Only_admins_create_users()
    {
        await app.StartAsync();
        var recruiter = await app.ClientAsAsync(Roles.Recruiter);
        var admin = await app.ClientAsAsync(Roles.Admin);
        var user = new { email = "new.exec@devrelhub.test", displayName = "New Exec", role = Roles.Executive, password = "Longenough!1" };

        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.PostAsJsonAsync("/api/identity/users", user, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/identity/users", user, Ct)).StatusCode);
        var again = await admin.PostAsJsonAsync("/api/identity/users", user with { }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already exists", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
