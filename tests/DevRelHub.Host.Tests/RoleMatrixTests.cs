using System.Net;
using System.Text;
using System.Text.Json;
using DevRelHub.Identity.Contracts;

namespace DevRelHub.Host.Tests;

/// <summary>
/// Who may do what, declared once: every operation of the OpenAPI document (so a new endpoint cannot escape it) and
/// the main pages, called as anonymous and as each role. Anonymous gets 401 except where anyone may come; a role the
/// table does not name gets 403; a role it names gets past authorization (whatever the answer to an empty request).
/// </summary>
public sealed class RoleMatrixTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly string[] SignedIn = [Roles.Recruiter, Roles.HiringManager, Roles.Panelist, Roles.Executive, Roles.Advocate, Roles.Admin];

    /// <summary>Anyone, signed in or not.</summary>
    private static readonly string[] Anyone = [];

    private static readonly (string Operation, string[] Roles)[] Api =
    [
        ("POST /api/auth/login", Anyone),
        ("POST /api/auth/logout", SignedIn),
        ("GET /api/auth/me", SignedIn),
        ("POST /api/identity/users", [Roles.Admin]),
        ("GET /api/workflows/activities", SignedIn),
        ("POST /api/workflows/definitions/validate", SignedIn),
        ("POST /api/workflows/bookmarks/{id}/resume", SignedIn),
        ("GET /api/workflows/definitions", SignedIn),
        ("POST /api/workflows/definitions", [Roles.Recruiter, Roles.Admin]),
        ("GET /api/workflows/definitions/{id}", SignedIn),
        ("GET /api/workflows/definitions/{id}/versions", SignedIn),
        ("GET /api/workflows/definitions/{id}/versions/{version}", SignedIn),
        ("GET /api/workflows/definitions/{id}/versions/{version}/export", SignedIn),
        ("PUT /api/workflows/definitions/{id}/draft", [Roles.Recruiter, Roles.Admin]),
        ("POST /api/workflows/definitions/{id}/publish", [Roles.Recruiter, Roles.Admin]),
        ("POST /api/workflows/definitions/import", [Roles.Recruiter, Roles.Admin]),
        ("GET /api/workflows/instances", SignedIn),
        ("POST /api/workflows/instances", [Roles.Recruiter, Roles.Admin]),
        ("GET /api/workflows/instances/{id}", SignedIn),
        ("GET /api/workflows/instances/{id}/journal", SignedIn),
        ("POST /api/workflows/instances/{id}/cancel", [Roles.Recruiter, Roles.Admin]),
        ("POST /api/workflows/instances/{id}/retry", [Roles.Recruiter, Roles.Admin]),
        ("POST /api/workflows/instances/{id}/migrate", [Roles.Recruiter, Roles.Admin]),
        ("GET /api/hiring/candidates", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("POST /api/hiring/candidates", [Roles.Recruiter, Roles.Admin]),
        ("GET /api/hiring/openings", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("POST /api/hiring/openings", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("POST /api/hiring/candidates/{id}/erase", [Roles.Recruiter, Roles.Admin]),
        ("GET /api/hiring/funnel", [Roles.Recruiter, Roles.HiringManager, Roles.Executive, Roles.Admin]),
        ("GET /api/hiring/candidates/{id}", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("POST /api/hiring/applications", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("GET /api/hiring/applications", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("GET /api/hiring/applications/{id}", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("POST /api/hiring/applications/{id}/decisions", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("PUT /api/hiring/applications/{id}/checklist", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("POST /api/hiring/interviews", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("GET /api/hiring/interviews", [Roles.Recruiter, Roles.HiringManager, Roles.Panelist, Roles.Admin]),
        ("PUT /api/hiring/interviews/{id}", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("GET /api/hiring/interviews/{id}", [Roles.Recruiter, Roles.HiringManager, Roles.Panelist, Roles.Admin]),
        ("POST /api/hiring/interviews/{id}/cancel", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("GET /api/hiring/interviews/{id}/scorecards", [Roles.Recruiter, Roles.HiringManager, Roles.Panelist, Roles.Admin]),
        ("POST /api/hiring/interviews/{id}/scorecards", [Roles.Recruiter, Roles.HiringManager, Roles.Panelist, Roles.Admin]),
        ("GET /api/hiring/email-templates", [Roles.Admin]),
        ("PUT /api/hiring/email-templates/{key}", [Roles.Admin]),
        ("GET /api/advocacy/advocates", SignedIn),
        ("POST /api/advocacy/advocates", [Roles.Admin]),
        ("GET /api/advocacy/advocates/{id}", SignedIn),
        ("PUT /api/advocacy/advocates/{id}", [Roles.Advocate, Roles.Admin]),
        ("POST /api/advocacy/advocates/{id}/followers", [Roles.Advocate, Roles.Admin]),
        ("GET /api/advocacy/activities", SignedIn),
        ("POST /api/advocacy/activities", [Roles.Advocate, Roles.Admin]),
        ("GET /api/advocacy/activities/{id}", SignedIn),
        ("PUT /api/advocacy/activities/{id}", [Roles.Advocate, Roles.Admin]),
        ("DELETE /api/advocacy/activities/{id}", [Roles.Advocate, Roles.Admin]),
        ("GET /api/advocacy/tags", SignedIn),
        ("GET /api/advocacy/events", SignedIn),
        ("POST /api/advocacy/events", [Roles.Advocate, Roles.Admin]),
        ("GET /api/advocacy/events/{id}", SignedIn),
        ("PUT /api/advocacy/events/{id}", [Roles.Advocate, Roles.Admin]),
        ("GET /api/advocacy/submissions", SignedIn),
        ("POST /api/advocacy/submissions", [Roles.Advocate, Roles.Admin]),
        ("GET /api/advocacy/submissions/{id}", SignedIn),
        ("PUT /api/advocacy/submissions/{id}", [Roles.Advocate, Roles.Admin]),
        ("GET /api/advocacy/calendar", SignedIn),
        ("GET /api/advocacy/cfp-deadlines", SignedIn),
        ("POST /api/advocacy/advocates/{id}/calendar-feed", [Roles.Advocate, Roles.Admin]),
        ("DELETE /api/advocacy/advocates/{id}/calendar-feed", [Roles.Advocate, Roles.Admin]),
        ("GET /api/advocacy/calendar/{token}.ics", Anyone),
        ("GET /api/advocacy/trips", SignedIn),
        ("POST /api/advocacy/trips", [Roles.Advocate, Roles.Admin]),
        ("PUT /api/advocacy/trips/{id}", [Roles.Advocate, Roles.Admin]),
        ("DELETE /api/advocacy/trips/{id}", [Roles.Advocate, Roles.Admin]),
        ("GET /api/advocacy/travel/{year}/q{quarter}", SignedIn),
        ("GET /api/advocacy/invitations", SignedIn),
        ("POST /api/advocacy/invitations", [Roles.Advocate, Roles.Admin]),
        ("PUT /api/advocacy/invitations/{id}", [Roles.Advocate, Roles.Admin]),
        ("GET /api/advocacy/contributions", SignedIn),
        ("POST /api/advocacy/contributions", [Roles.Advocate, Roles.Admin]),
        ("GET /api/advocacy/champions", SignedIn),
        ("POST /api/advocacy/imports", [Roles.Advocate, Roles.Admin]),
        ("POST /api/metrics/observations", [Roles.Advocate, Roles.Admin]),
        ("POST /api/metrics/imports", [Roles.Advocate, Roles.Admin]),
        ("GET /api/metrics/subjects/{subjectId}/observations", SignedIn),
        ("GET /api/metrics/quarters/{quarter}/summary", SignedIn),
        ("GET /api/metrics/quarters/{quarter}/breakdown", SignedIn),
        ("GET /api/metrics/quarters/{quarter}/activities", SignedIn),
        ("GET /api/metrics/quarters/{quarter}/trend", SignedIn),
        ("GET /api/metrics/targets", SignedIn),
        ("PUT /api/metrics/targets", [Roles.Executive, Roles.Admin]),
        ("DELETE /api/metrics/targets/{quarter}/{kpi}", [Roles.Executive, Roles.Admin]),
        ("GET /api/reports/quarterly/{quarter}.pdf", [Roles.HiringManager, Roles.Executive, Roles.Admin]),
        ("GET /api/reports", [Roles.HiringManager, Roles.Executive, Roles.Admin]),
        ("GET /api/reports/{id}.pdf", [Roles.HiringManager, Roles.Executive, Roles.Admin]),
        ("POST /api/reports/quarterly/{quarter}/send", [Roles.Admin]),
    ];

    private static readonly (string Page, string[] Roles)[] Pages =
    [
        ("/", SignedIn),
        ("/hiring/board", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("/hiring/candidates", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("/hiring/panels", [Roles.Panelist, Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ("/workflows", [Roles.Recruiter, Roles.HiringManager, Roles.Admin]),
        ($"/workflows/{Guid.Empty}/design", [Roles.Recruiter, Roles.Admin]),
        ("/advocacy/activities", SignedIn),
        ("/advocacy/activities/new", [Roles.Advocate, Roles.Admin]),
        ("/advocacy/imports", [Roles.Advocate, Roles.Admin]),
        ("/advocacy/events", SignedIn),
        ("/metrics/2026-Q3", SignedIn),
        ("/metrics/imports", [Roles.Advocate, Roles.Admin]),
        ("/reports", [Roles.Executive, Roles.HiringManager, Roles.Admin]),
        ("/account/login", Anyone),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_table_names_every_operation_of_the_api_and_nothing_else()
    {
        await app.StartAsync();

        var documented = (await OperationsAsync()).Select(operation => operation.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(documented, Api.Select(row => row.Operation).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_operation_answers_each_role_as_the_table_says()
    {
        await app.StartAsync();
        var clients = await ClientsAsync();
        var operations = (await OperationsAsync()).ToDictionary(operation => operation.Name);
        var wrong = new List<string>();

        foreach (var (name, allowed) in Api)
        {
            foreach (var (role, client) in clients)
            {
                using var request = Request(operations[name]);
                var status = (await client.SendAsync(request, Ct)).StatusCode;
                if (!AsDeclared(role, allowed, status, redirects: false))
                {
                    wrong.Add($"{name} as {role}: {(int)status}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task Every_main_page_answers_each_role_as_the_table_says()
    {
        await app.StartAsync();
        var clients = await ClientsAsync();
        var wrong = new List<string>();

        foreach (var (page, allowed) in Pages)
        {
            foreach (var (role, client) in clients)
            {
                var status = (await client.GetAsync(page, Ct)).StatusCode;
                if (!AsDeclared(role, allowed, status, redirects: true))
                {
                    wrong.Add($"{page} as {role}: {(int)status}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    // A page refuses by redirecting (to sign-in, or to access denied); the API answers 401 and 403.
    private static bool AsDeclared(string role, string[] allowed, HttpStatusCode status, bool redirects)
    {
        var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (redirects && status == HttpStatusCode.Redirect);
        if (allowed == Anyone || allowed.Contains(role))
        {
            return !refused;
        }
        return role == "anonymous"
            ? status == HttpStatusCode.Unauthorized || (redirects && status == HttpStatusCode.Redirect)
            : status == HttpStatusCode.Forbidden || (redirects && status == HttpStatusCode.Redirect);
    }

    private async Task<Dictionary<string, HttpClient>> ClientsAsync()
    {
        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = app.CreateClient(new() { AllowAutoRedirect = false }) };
        foreach (var role in SignedIn)
        {
            var client = await app.ClientAsAsync(role);
            var page = app.CreateClient(new() { AllowAutoRedirect = false });
            page.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
            clients[role] = page;
        }
        return clients;
    }

    private async Task<List<Operation>> OperationsAsync()
    {
        using var document = JsonDocument.Parse(await app.AnonymousClient().GetStringAsync("/openapi/v1.json", Ct));
        var operations = new List<Operation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(property => property.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var contentType = operation.Value.TryGetProperty("requestBody", out var body)
                    ? body.GetProperty("content").EnumerateObject().First().Name
                    : null;
                operations.Add(new Operation($"{operation.Name.ToUpperInvariant()} {path.Name}", path.Name, contentType));
            }
        }
        return operations;
    }

    /// <summary>The operation with made-up path values and an empty body of the type it accepts.</summary>
    private static HttpRequestMessage Request(Operation operation)
    {
        var url = OpenApiPaths.Fill(operation.Path);
        return new HttpRequestMessage(new HttpMethod(operation.Name.Split(' ')[0]), url)
        {
            Content = operation.ContentType switch
            {
                null => null,
                "multipart/form-data" => new MultipartFormDataContent(),
                "application/json" => new StringContent("{}", Encoding.UTF8, "application/json"),
                var other => new StringContent("", Encoding.UTF8, other),
            },
        };
    }

    private sealed record Operation(string Name, string Path, string? ContentType);
}
