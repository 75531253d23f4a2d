using Microsoft.AspNetCore.Hosting;

namespace DevRelHub.Hiring.Tests.Support;

/// <summary>The application with its outbox delivering to a real SMTP server the test started, polled often.</summary>
public abstract class HiringApp(TestDatabase database) : DevRelHubApp(database)
{
    public TestSmtpServer Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:UseTls", "false");
        builder.UseSetting("Workflows:Outbox:PollInterval", "00:00:00.100");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class HiringAppOnSqlite() : HiringApp(new SqliteTestDatabase());

public sealed class HiringAppOnPostgres() : HiringApp(new PostgresTestDatabase());
