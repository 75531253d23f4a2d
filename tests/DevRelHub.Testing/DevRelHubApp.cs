using System.Net.Http.Headers;
using System.Net.Http.Json;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DevRelHub.Testing;

/// <summary>
/// The whole application in process, on a database of its own: a class fixture shared by the tests of
/// one class, which start from empty tables (<see cref="StartAsync"/>).
/// </summary>
public abstract class DevRelHubApp(TestDatabase database) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; } = database;

    public async ValueTask InitializeAsync()
    {
        if (Database.SkipReason is null)
        {
            await Database.CreateAsync();
            _ = Server;
        }
    }

    /// <summary>Skips the test when this database is not available here; otherwise empties every table.</summary>
    public async Task StartAsync()
    {
        Assert.SkipWhen(Database.SkipReason is not null, Database.SkipReason ?? "");
        await Database.ResetAsync();
    }

    /// <summary>Seeds the demo data a person sees on the first start: users, candidates, advocates and a quarter of their work.</summary>
    public async Task SeedDemoAsync() =>
        await Services.GetRequiredService<DevRelHub.Host.Seeding.DemoData>().SeedAsync(TestContext.Current.CancellationToken);

    /// <summary>A client with no one signed in.</summary>
    public HttpClient AnonymousClient() => CreateClient();

    /// <summary>Sends a message through the application's mediator, as a module would.</summary>
    public async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, TestContext.Current.CancellationToken);
    }

    /// <inheritdoc cref="SendAsync{T}(IQuery{T})"/>
    public async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, TestContext.Current.CancellationToken);
    }

    /// <inheritdoc cref="SendAsync{T}(IQuery{T})"/>
    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A client signed in (bearer token) as a new user holding <paramref name="role"/>, with <paramref name="email"/> when the test needs to know it.</summary>
    public async Task<HttpClient> ClientAsAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@devrelhub.test";
        const string password = "Test!pass2026";
        await SendAsync(new CreateUser(email, $"Test {role}", role, password));
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", Database.ProviderName);
        builder.UseSetting("ConnectionStrings:DevRelHub", Database.ConnectionString);
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("Reports:Delivery:Enabled", "false");
        // Every client of a test server comes from the same (unknown) address; the sign-in limit has a test of its own.
        builder.UseSetting("Identity:SignInAttemptsPerMinute", "100000");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed record TokenResponse(string AccessToken);
}

public sealed class SqliteApp() : DevRelHubApp(new SqliteTestDatabase());

public sealed class PostgresApp() : DevRelHubApp(new PostgresTestDatabase());

public sealed class SqlServerApp() : DevRelHubApp(new SqlServerTestDatabase());
