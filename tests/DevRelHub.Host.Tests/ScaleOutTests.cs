using System.Net;
using System.Net.Http.Headers;
using Dapper;
using DevRelHub.Data;
using DevRelHub.Identity.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Host.Tests;

public abstract class ScaleOutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract TestDatabase NewDatabase();

    [Fact]
    public async Task A_token_and_a_cookie_from_one_host_are_accepted_by_another_on_the_same_database()
    {
        await using var first = new Host(NewDatabase());
        Assert.SkipWhen(first.Database.SkipReason is not null, first.Database.SkipReason ?? "");
        await first.InitializeAsync();
        await using var second = new Host(new SharedTestDatabase(first.Database));
        await second.InitializeAsync();
        await first.SendAsync(new CreateUser("roaming@devrelhub.test", "Roaming", Roles.Advocate, "Roam!ing2026"));

        var signedIn = await first.AnonymousClient().PostAsync("/api/auth/login",
            new StringContent("""{"email":"roaming@devrelhub.test","password":"Roam!ing2026"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        signedIn.EnsureSuccessStatusCode();
        var token = System.Text.Json.JsonDocument.Parse(await signedIn.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("accessToken").GetString();
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith("devrelhub.auth=", StringComparison.Ordinal)).Split(';')[0];

        var byToken = second.AnonymousClient();
        byToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var byCookie = second.AnonymousClient();
        byCookie.DefaultRequestHeaders.Add("Cookie", cookie);

        Assert.Equal(HttpStatusCode.OK, (await byToken.GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await byCookie.GetAsync("/api/auth/me", Ct)).StatusCode);
        await using var scope = second.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<IDbConnectionFactory>().Create();
        Assert.True(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM identity_data_protection_key") >= 1, "the key ring lives in the database");
    }

    private sealed class Host(TestDatabase database) : DevRelHubApp(database);
}

public sealed class ScaleOutTestsOnSqlite : ScaleOutTests
{
    protected override TestDatabase NewDatabase() => new SqliteTestDatabase();
}

public sealed class ScaleOutTestsOnPostgres : ScaleOutTests
{
    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();
}
