using System.Net.Http.Json;
using System.Text.Json;

namespace DevRelHub.Reliability.Tests;

/// <summary>The HTTP API as a client outside the host sees it: sign in, publish a workflow, read answers.</summary>
internal static class Api
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Signs in on <paramref name="host"/> as the demo admin; answers the bearer token and the session cookie (<c>name=value</c>).</summary>
    public static Task<(string Token, string Cookie)> SignInAsync(Uri host) => DemoUsers.SignInAsync(host, cancellationToken: Ct);

    /// <summary>How long a client waits for an answer: long enough for a 600,000-line import on a loaded CI machine.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static HttpClient WithToken(Uri host, string token) => DemoUsers.WithToken(host, token, Patience);

    public static HttpClient WithCookie(Uri host, string cookie)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Creates, drafts and publishes a workflow; answers its id.</summary>
    public static async Task<Guid> PublishAsync(HttpClient client, string name, object[] nodes, object[] connections)
    {
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/workflows/definitions", new { name }, Ct))).GetProperty("id").GetGuid();
        var draft = await ReadAsync(await client.PutAsJsonAsync($"/api/workflows/definitions/{id}/draft", new { nodes, connections }, Ct));
        Assert.Equal(0, draft.GetProperty("problems").GetArrayLength());
        await ReadAsync(await client.PostAsync($"/api/workflows/definitions/{id}/publish", null, Ct));
        return id;
    }

    public static object Node(string id, string type, params (string Name, string Value)[] inputs) =>
        new { id, activityType = type, inputs = inputs.ToDictionary(input => input.Name, input => input.Value) };

    public static object Link(string source, string outcome, string target) => new { source, outcome, target };

    /// <summary>Starts an instance; answers its id and the id of the bookmark it waits on first.</summary>
    public static async Task<(Guid Instance, Guid Bookmark)> StartAsync(HttpClient client, Guid definition, string correlationKey, object variables)
    {
        var run = await ReadAsync(await client.PostAsJsonAsync("/api/workflows/instances", new { definitionId = definition, correlationKey, variables }, Ct));
        return (run.GetProperty("instanceId").GetGuid(), run.GetProperty("bookmarks")[0].GetProperty("id").GetGuid());
    }

    public static async Task<JsonElement> InstanceAsync(HttpClient client, Guid instance) =>
        await ReadAsync(await client.GetAsync($"/api/workflows/instances/{instance}", Ct));

    /// <summary>The journal entries of an instance, every page.</summary>
    public static async Task<List<JsonElement>> JournalAsync(HttpClient client, Guid instance)
    {
        var entries = new List<JsonElement>();
        int? after = 0;
        while (after is { } from)
        {
            var page = await ReadAsync(await client.GetAsync($"/api/workflows/instances/{instance}/journal?after={from}&limit=200", Ct));
            entries.AddRange(page.GetProperty("entries").EnumerateArray());
            after = page.GetProperty("next").ValueKind == JsonValueKind.Number ? page.GetProperty("next").GetInt32() : null;
        }
        return entries;
    }

    /// <summary>A client of <paramref name="host"/> signed in as the demo admin.</summary>
    public static Task<HttpClient> SignedInAsync(HostProcess host) => DemoUsers.ClientAsync(host.BaseAddress, timeout: Patience, cancellationToken: Ct);

    /// <summary>The ids of the first hundred activities (the demo data's).</summary>
    public static async Task<Guid[]> ActivityIdsAsync(HttpClient client) =>
        [.. (await ReadAsync(await client.GetAsync("/api/advocacy/activities?pageSize=100", Ct))).GetProperty("items").EnumerateArray()
            .Select(activity => activity.GetProperty("id").GetGuid())];
}
