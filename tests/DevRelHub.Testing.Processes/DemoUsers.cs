using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DevRelHub.Testing.Processes;

/// <summary>Signing in as one of the demo users through the API, as a client outside the host does.</summary>
public static class DemoUsers
{
    public const string Admin = "admin@devrelhub.test";
    public const string Password = "Demo!2026";

    /// <summary>Signs in on <paramref name="baseAddress"/>; answers the bearer token and the session cookie (<c>name=value</c>).</summary>
    public static async Task<(string Token, string Cookie)> SignInAsync(Uri baseAddress, string email = Admin, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Signing in as {email} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }
        using var answer = JsonDocument.Parse(body);
        var token = answer.RootElement.GetProperty("accessToken").GetString()!;
        var cookie = response.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith("devrelhub.auth=", StringComparison.Ordinal)).Split(';')[0];
        return (token, cookie);
    }

    /// <summary>A client of <paramref name="baseAddress"/> carrying <paramref name="token"/>.</summary>
    public static HttpClient WithToken(Uri baseAddress, string token, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client of <paramref name="baseAddress"/> signed in as <paramref name="email"/>.</summary>
    public static async Task<HttpClient> ClientAsync(Uri baseAddress, string email = Admin, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WithToken(baseAddress, (await SignInAsync(baseAddress, email, cancellationToken)).Token, timeout);
}
