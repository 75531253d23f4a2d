using DevRelHub.Testing.Processes;

namespace EndToEnd.Tests;

/// <summary>
/// The real DevRelHub.Host executable in a child process, on an SQLite file of its own, seeded with the demo data as
/// on a first start; shared by the tests of a class.
/// </summary>
public class HostFixture : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("devrelhub-e2e-").FullName;
    private HostProcess? host;

    public Uri BaseAddress => Host.BaseAddress;

    /// <summary>What the host is started with besides its address and database.</summary>
    protected virtual string[] Options => [];

    private HostProcess Host => host ?? throw new InvalidOperationException("The host is not started yet.");

    public async ValueTask InitializeAsync()
    {
        host = new HostProcess(
        [
            $"--ConnectionStrings:DevRelHub=Data Source={Path.Combine(folder, "e2e.db")}",
            "--Identity:SignInAttemptsPerMinute=1000",
            .. Options,
        ]);
        await host.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
        Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>The host as production starts it: <c>--no-demo</c>, so no demo users or data.</summary>
public sealed class ProductionHostFixture : HostFixture
{
    protected override string[] Options => ["--no-demo"];
}
