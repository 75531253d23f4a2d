using System.Net;
using System.Net.Http.Json;
using DevRelHub.Identity.Contracts;
using DevRelHub.Workflows.Definitions;

namespace DevRelHub.Workflows.Tests;

public abstract class DefinitionTests(DevRelHubApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recruiter_starts_a_workflow_as_an_unpublished_draft_and_finds_it_listed()
    {
        await app.StartAsync();
        var recruiter = await app.ClientAsAsync(Roles.Recruiter);

        var created = await recruiter.PostAsJsonAsync("/api/workflows/definitions", new { name = "Developer Advocate hiring" }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var listed = Assert.Single((await recruiter.GetFromJsonAsync<List<WorkflowDefinitionSummary>>("/api/workflows/definitions", Ct))!);
        Assert.Equal(("Developer Advocate hiring", 1, false), (listed.Name, listed.Version, listed.IsPublished));
        Assert.Equal(await created.Content.ReadFromJsonAsync<WorkflowDefinitionSummary>(Ct), listed);
    }

    [Fact]
    public async Task A_second_workflow_with_the_same_name_or_none_is_refused()
    {
        await app.StartAsync();
        await app.SendAsync(new CreateWorkflowDefinition("CFP reminders"));
        var admin = await app.ClientAsAsync(Roles.Admin);

        var duplicate = await admin.PostAsJsonAsync("/api/workflows/definitions", new { name = "CFP reminders" }, Ct);
        var nameless = await admin.PostAsJsonAsync("/api/workflows/definitions", new { name = "" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("already exists", await duplicate.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.Single(await app.SendAsync(new ListWorkflowDefinitions()));
    }

    [Fact]
    public async Task Everyone_signed_in_reads_workflows_but_only_recruiters_and_admins_create_them()
    {
        await app.StartAsync();
        var advocate = await app.ClientAsAsync(Roles.Advocate);
        var manager = await app.ClientAsAsync(Roles.HiringManager);

        Assert.Equal(HttpStatusCode.OK, (await advocate.GetAsync("/api/workflows/definitions", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await advocate.PostAsJsonAsync("/api/workflows/definitions", new { name = "Sneaky" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/workflows/definitions", new { name = "Sneaky" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/workflows/definitions", Ct)).StatusCode);
        Assert.Empty(await app.SendAsync(new ListWorkflowDefinitions()));
    }

    [Fact]
    public async Task The_api_lists_the_toolbox_and_validates_a_graph_naming_the_nodes()
    {
        await app.StartAsync();
        var recruiter = await app.ClientAsAsync(Roles.Recruiter);

        var toolbox = await recruiter.GetStringAsync("/api/workflows/activities", Ct);
        var answer = await recruiter.PostAsJsonAsync("/api/workflows/definitions/validate", new
        {
            nodes = new object[] { new { id = "start", activityType = "Start" }, new { id = "wait", activityType = "Delay" } },
            connections = new[] { new { source = "start", outcome = "Done", target = "wait" } },
        }, Ct);

        Assert.Contains("\"type\":\"HumanTask\"", toolbox, StringComparison.Ordinal);
        Assert.Contains("\"behaviour\":\"Blocking\"", toolbox, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"valid\":false", body, StringComparison.Ordinal);
        Assert.Contains("Node wait: Delay needs Duration.", body, StringComparison.Ordinal);
        Assert.Contains("Node wait: the outcome Done leads nowhere.", body, StringComparison.Ordinal);
    }
}

public sealed class DefinitionTestsOnSqlite(SqliteApp app) : DefinitionTests(app), IClassFixture<SqliteApp>;

public sealed class DefinitionTestsOnPostgres(PostgresApp app) : DefinitionTests(app), IClassFixture<PostgresApp>;

public sealed class DefinitionTestsOnSqlServer(SqlServerApp app) : DefinitionTests(app), IClassFixture<SqlServerApp>;
