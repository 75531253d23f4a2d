using System.Net;
using System.Net.Http.Json;

namespace EndToEnd.Tests;

public sealed class ProductionStartTests(ProductionHostFixture host) : IClassFixture<ProductionHostFixture>
{
    [Fact]
    public async Task A_start_with_no_demo_serves_but_seeds_no_demo_user()
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = "admin@devrelhub.test", password = "Demo!2026" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }
}
