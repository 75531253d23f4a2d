using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DevRelHub.Identity.Contracts;
using DevRelHub.Workflows.Definitions;
using DevRelHub.Workflows.Runtime;
using static DevRelHub.Workflows.Tests.Support.Flows;

namespace DevRelHub.Workflows.Tests;

public abstract class WorkflowApiTests(DevRelHubApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<T>(Json, Ct))!;
    }

    [Fact]
    public async Task A_recruiter_drafts_publishes_and_redrafts_and_the_history_keeps_every_version()
    {
        await app.StartAsync();
        var recruiter = await app.ClientAsAsync(Roles.Recruiter);
        var created = await ReadAsync<WorkflowDefinitionSummary>(await recruiter.PostAsJsonAsync("/api/workflows/definitions", new { name = "Hiring" }, Ct));
        var url = $"/api/workflows/definitions/{created.Id}";

        var draft = await ReadAsync<SavedDraft>(await recruiter.PutAsJsonAsync($"{url}/draft", HiringFlow(), Json, Ct));
        var v1 = await ReadAsync<WorkflowDefinitionSummary>(await recruiter.PostAsync($"{url}/publish", null, Ct));
        var again = await recruiter.PostAsync($"{url}/publish", null, Ct);
        var v2Draft = await ReadAsync<SavedDraft>(await recruiter.PutAsJsonAsync($"{url}/draft", Wait("P1D"), Json, Ct));

        Assert.Equal((1, 1, true), (draft.Version, v1.Version, v1.IsPublished));
        Assert.Empty(draft.Problems);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(2, v2Draft.Version);
        var versions = await ReadAsync<List<WorkflowVersionSummary>>(await recruiter.GetAsync($"{url}/versions", Ct));
        Assert.Equal([(2, false), (1, true)], versions.Select(v => (v.Version, v.IsPublished)));
        var latest = await ReadAsync<WorkflowDefinitionVersion>(await recruiter.GetAsync(url, Ct));
        var published = await ReadAsync<WorkflowDefinitionVersion>(await recruiter.GetAsync($"{url}?published=true", Ct));
        Assert.Equal((2, "Delay"), (latest.Version, latest.Graph.Nodes[1].ActivityType));
        Assert.Equal((1, "HumanTask"), (published.Version, published.Graph.Nodes[1].ActivityType));
        Assert.Equal(HttpStatusCode.NotFound, (await recruiter.GetAsync($"{url}/versions/9", Ct)).StatusCode);
    }

    [Fact]
    public async Task Publishing_a_graph_with_problems_is_refused_listing_every_one_and_keeps_the_draft()
    {
        await app.StartAsync();
        var admin = await app.ClientAsAsync(Roles.Admin);
        var created = await ReadAsync<WorkflowDefinitionSummary>(await admin.PostAsJsonAsync("/api/workflows/definitions", new { name = "Broken" }, Ct));
        var url = $"/api/workflows/definitions/{created.Id}";
        var broken = new WorkflowGraph([Node("a", "Teleport"), Node("b", "Decision", ("Condition", "x >"))], []);

        var saved = await ReadAsync<SavedDraft>(await admin.PutAsJsonAsync($"{url}/draft", broken, Json, Ct));
        var refused = await admin.PostAsync($"{url}/publish", null, Ct);
        var body = await refused.Content.ReadAsStringAsync(Ct);

        Assert.Equal(["input-invalid", "no-start", "outcome-unconnected", "outcome-unconnected", "unknown-activity"], saved.Problems.Select(p => p.Code).Order());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("no Start node", body, StringComparison.Ordinal);
        Assert.Contains("there is no activity type Teleport", body, StringComparison.Ordinal);
        Assert.Contains("ends too early", body, StringComparison.Ordinal);
        var kept = await ReadAsync<WorkflowDefinitionVersion>(await admin.GetAsync(url, Ct));
        Assert.Equal((false, 2), (kept.IsPublished, kept.Graph.Nodes.Count));
    }

    [Fact]
    public async Task A_definition_round_trips_through_export_and_import_unchanged()
    {
        await app.StartAsync();
        var recruiter = await app.ClientAsAsync(Roles.Recruiter);
        var graph = HiringFlow() with { Nodes = [.. HiringFlow().Nodes.Select((node, i) => node with { Name = $"Step {i}", Position = new NodePosition(i * 120.5, 40) })] };
        var created = await ReadAsync<WorkflowDefinitionSummary>(await recruiter.PostAsJsonAsync("/api/workflows/definitions", new { name = "Export me" }, Ct));
        await ReadAsync<SavedDraft>(await recruiter.PutAsJsonAsync($"/api/workflows/definitions/{created.Id}/draft", graph, Json, Ct));

        var exported = await recruiter.GetAsync($"/api/workflows/definitions/{created.Id}/versions/1/export", Ct);
        var file = await exported.Content.ReadAsStringAsync(Ct);
        var renamed = JsonNode.Parse(file)!;
        renamed["name"] = "Imported";
        var imported = await ReadAsync<SavedDraft>(await recruiter.PostAsync("/api/workflows/definitions/import",
            new StringContent(renamed.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Ct));
        var reExported = await recruiter.GetStringAsync($"/api/workflows/definitions/{imported.Id}/versions/1/export", Ct);
        var intoExisting = await ReadAsync<SavedDraft>(await recruiter.PostAsync("/api/workflows/definitions/import",
            new StringContent(file, System.Text.Encoding.UTF8, "application/json"), Ct));

        Assert.Equal("attachment; filename=Export-me-v1.json; filename*=UTF-8''Export-me-v1.json", exported.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal(renamed.ToJsonString(), reExported);
        Assert.Equal((created.Id, 1), (intoExisting.Id, intoExisting.Version));
        Assert.Equal(graph.ToJson(), (await app.SendAsync(new GetWorkflowDefinition(imported.Id))).Graph.ToJson());
    }

    [Fact]
    public async Task A_file_that_is_not_a_workflow_is_refused_with_the_reason_and_nothing_is_stored()
    {
        await app.StartAsync();
        var recruiter = await app.ClientAsAsync(Roles.Recruiter);

        var notJson = await recruiter.PostAsync("/api/workflows/definitions/import", new StringContent("{\"name\": \"x\", \"graph\": [", System.Text.Encoding.UTF8, "application/json"), Ct);
        var otherFormat = await recruiter.PostAsJsonAsync("/api/workflows/definitions/import", new { name = "x", graph = WorkflowGraph.Empty, format = "bpmn" }, Json, Ct);
        var wrongShape = await recruiter.PostAsync("/api/workflows/definitions/import", new StringContent("{\"name\": \"x\", \"graph\": {\"nodes\": 7}}", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherFormat.StatusCode);
        Assert.Contains("not a DevRel Hub workflow", await otherFormat.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongShape.StatusCode);
        Assert.Contains("graph.nodes", await wrongShape.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await app.SendAsync(new ListWorkflowDefinitions()));
    }

    [Fact]
    public async Task Instances_are_started_answered_listed_and_read_through_the_api_with_role_rules()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Hiring", HiringFlow());
        var recruiter = await app.ClientAsAsync(Roles.Recruiter);
        var advocate = await app.ClientAsAsync(Roles.Advocate);
        var start = new { definitionId = definition, correlationKey = "application-9", variables = new { name = "Ada", email = "ada@example.com", level = "Senior", score = 4 } };

        Assert.Equal(HttpStatusCode.Forbidden, (await advocate.PostAsJsonAsync("/api/workflows/instances", start, Ct)).StatusCode);
        var started = await ReadAsync<RunResult>(await recruiter.PostAsJsonAsync("/api/workflows/instances", start, Ct));
        var resumeUrl = $"/api/workflows/bookmarks/{started.Bookmarks[0].Id}/resume";
        var notTheirs = await advocate.PostAsJsonAsync(resumeUrl, new { outcome = "Pass" }, Ct);
        var resumed = await ReadAsync<RunResult>(await recruiter.PostAsJsonAsync(resumeUrl, new { outcome = "Pass" }, Ct));
        var twice = await recruiter.PostAsJsonAsync(resumeUrl, new { outcome = "Pass" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Contains("is for the Recruiter role", await notTheirs.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(WorkflowStatus.Finished, resumed.Status);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("already resumed", await twice.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var byKey = await ReadAsync<InstancePage>(await advocate.GetAsync("/api/workflows/instances?correlationKey=application-9", Ct));
        var finished = await ReadAsync<InstancePage>(await advocate.GetAsync($"/api/workflows/instances?definitionId={definition}&status=Finished", Ct));
        var suspended = await ReadAsync<InstancePage>(await advocate.GetAsync("/api/workflows/instances?status=Suspended", Ct));
        var details = await ReadAsync<WorkflowInstanceDetails>(await advocate.GetAsync($"/api/workflows/instances/{started.InstanceId}", Ct));
        var page = await ReadAsync<JournalPage>(await advocate.GetAsync($"/api/workflows/instances/{started.InstanceId}/journal?after=10&limit=2", Ct));
        Assert.Equal(started.InstanceId, Assert.Single(byKey.Items).Id);
        Assert.Equal(1, finished.Total);
        Assert.Equal(0, suspended.Total);
        Assert.Contains(details.Journal.Entries, e => e.Event == JournalEvent.Resumed && e.Actor!.StartsWith("recruiter-", StringComparison.Ordinal));
        Assert.Equal([11, 12], page.Entries.Select(e => e.Seq));
        Assert.Equal(HttpStatusCode.NotFound, (await advocate.GetAsync($"/api/workflows/instances/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await advocate.GetAsync("/api/workflows/instances?pageSize=5000", Ct)).StatusCode);
    }

    [Fact]
    public async Task Operators_cancel_retry_and_migrate_through_the_api_and_others_may_not()
    {
        await app.StartAsync();
        var definition = await PublishAsync(app, "Hiring", HiringFlow());
        var admin = await app.ClientAsAsync(Roles.Admin);
        var manager = await app.ClientAsAsync(Roles.HiringManager);
        var started = await ReadAsync<RunResult>(await admin.PostAsJsonAsync("/api/workflows/instances",
            new { definitionId = definition, variables = new { name = "Bo", email = "bo@example.com" } }, Ct));
        var faulted = await ReadAsync<RunResult>(await admin.PostAsJsonAsync($"/api/workflows/bookmarks/{started.Bookmarks[0].Id}/resume", new { outcome = "Pass" }, Ct));
        var url = $"/api/workflows/instances/{started.InstanceId}";

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"{url}/retry", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync($"{url}/cancel", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"{url}/migrate", new { toVersion = 1 }, Ct)).StatusCode);
        var migrateToMissing = await admin.PostAsJsonAsync($"{url}/migrate", new { toVersion = 5 }, Ct);
        var retried = await ReadAsync<RunResult>(await admin.PostAsJsonAsync($"{url}/retry", new { variables = new { score = 1, level = "Junior" } }, Ct));
        var cancelFinished = await admin.PostAsync($"{url}/cancel", null, Ct);

        Assert.Equal(WorkflowStatus.Faulted, faulted.Status);
        Assert.Equal(HttpStatusCode.NotFound, migrateToMissing.StatusCode);
        Assert.Equal(WorkflowStatus.Finished, retried.Status);
        Assert.Equal(HttpStatusCode.Conflict, cancelFinished.StatusCode);
    }
}

public sealed class WorkflowApiTestsOnSqlite(SqliteApp app) : WorkflowApiTests(app), IClassFixture<SqliteApp>;

public sealed class WorkflowApiTestsOnPostgres(PostgresApp app) : WorkflowApiTests(app), IClassFixture<PostgresApp>;
