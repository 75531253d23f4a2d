using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DevRelHub.Reports.Tests;

/// <summary>
/// The application on the last day of 2026-Q3, with a clock the test turns. With <paramref name="smtp"/> its outbox
/// sends to that server and it runs the scheduled report delivery, as a production host does.
/// </summary>
public class ReportsApp(TestDatabase database, TestSmtpServer? smtp = null) : DevRelHubApp(database)
{
    public static readonly DateTimeOffset Start = new(2026, 9, 30, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (smtp is not null)
        {
            builder.UseSetting("Smtp:Host", "127.0.0.1");
            builder.UseSetting("Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Smtp:UseTls", "false");
            builder.UseSetting("Reports:Delivery:Enabled", "true");
        }
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}

public sealed class ReportsAppOnSqlite() : ReportsApp(new SqliteTestDatabase());

public sealed class ReportsAppOnPostgres() : ReportsApp(new PostgresTestDatabase());

/// <summary>Where the tests leave sample reports for a person to open: <c>tests/artifacts/</c> of the checkout.</summary>
public static class Artifacts
{
    public static string Save(string fileName, byte[] content)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Monolith.sln")))
        {
            folder = folder.Parent;
        }
        var artifacts = Path.Combine(folder?.FullName ?? Path.GetTempPath(), "tests", "artifacts");
        Directory.CreateDirectory(artifacts);
        var path = Path.Combine(artifacts, fileName);
        File.WriteAllBytes(path, content);
        return path;
    }
}
