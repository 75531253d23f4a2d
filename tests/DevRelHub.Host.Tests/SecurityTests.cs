using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using DevRelHub.Identity.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DevRelHub.Host.Tests;

public sealed class SecurityTests(SecurityTests.GuardedApp app) : IClassFixture<SecurityTests.GuardedApp>
{
    private const string Password = "Right!pass2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_answer_carries_the_content_security_policy_with_a_nonce_of_its_own_and_no_sniffing()
    {
        await app.StartAsync();
        var nonces = new HashSet<string>();

        foreach (var path in new[] { "/account/login", "/api/auth/me", "/health", "/api/does-not-exist" })
        {
            var response = await app.AnonymousClient().GetAsync(path, Ct);
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            var scripts = System.Text.RegularExpressions.Regex.Match(policy, "script-src 'self' 'nonce-([A-Za-z0-9+/=]{24})';");
            Assert.True(scripts.Success, policy);
            nonces.Add(scripts.Groups[1].Value);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
        Assert.Equal(4, nonces.Count);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site()
    {
        await app.StartAsync();
        await app.SendAsync(new CreateUser("cookie@devrelhub.test", "Cookie", Roles.Advocate, Password));

        var response = await app.AnonymousClient().PostAsJsonAsync("/api/auth/login", new { email = "cookie@devrelhub.test", password = Password }, Ct);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), header => header.StartsWith("devrelhub.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_even_against_the_right_one()
    {
        await app.StartAsync();
        await app.SendAsync(new CreateUser("locked@devrelhub.test", "Locked", Roles.Advocate, Password));
        var client = app.AnonymousClient();
        Task<HttpResponseMessage> SignIn(string password) => client.PostAsJsonAsync("/api/auth/login", new { email = "locked@devrelhub.test", password }, Ct);

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add((await SignIn("guess" + i)).StatusCode);
        }
        var locked = await SignIn(Password);
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        var later = await SignIn(Password);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests], wrong);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("locked until", await locked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task A_right_password_resets_the_count_of_wrong_ones()
    {
        await app.StartAsync();
        await app.SendAsync(new CreateUser("forgetful@devrelhub.test", "Forgetful", Roles.Advocate, Password));
        var client = app.AnonymousClient();
        Task<HttpResponseMessage> SignIn(string password) => client.PostAsJsonAsync("/api/auth/login", new { email = "forgetful@devrelhub.test", password }, Ct);

        var statuses = new List<HttpStatusCode>();
        foreach (var password in new[] { "a", "b", "c", "d", Password, "e", "f", "g", "h", Password })
        {
            statuses.Add((await SignIn(password)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses.Where(status => status != HttpStatusCode.Unauthorized));
    }

    /// <summary>The application with a clock the test turns.</summary>
    public sealed class GuardedApp() : DevRelHubApp(new SqliteTestDatabase())
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            });
        }
    }
}

public sealed class SignInLimitTests(SignInLimitTests.LimitedApp app) : IClassFixture<SignInLimitTests.LimitedApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_per_minute_and_passwords_never_reach_the_log()
    {
        await app.StartAsync();
        var client = app.AnonymousClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LimitedApp.AttemptsPerMinute + 2; i++)
        {
            var response = await client.PostAsJsonAsync("/api/auth/login", new { email = $"nobody{i}@devrelhub.test", password = "Secret-in-the-log?" }, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, LimitedApp.AttemptsPerMinute), statuses.Take(LimitedApp.AttemptsPerMinute));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.NotEmpty(app.Log);
        Assert.DoesNotContain(app.Log, line => line.Contains("Secret-in-the-log?", StringComparison.Ordinal));
    }

    /// <summary>The application with the sign-in limit a small site would set, and every log line kept at the finest level.</summary>
    public sealed class LimitedApp() : DevRelHubApp(new SqliteTestDatabase())
    {
        public const int AttemptsPerMinute = 5;

        public ConcurrentQueue<string> Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Identity:SignInAttemptsPerMinute", AttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLogger(Log)));
        }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + exception);

        public void Dispose()
        {
        }
    }
}
