using System.Collections.Concurrent;
using DevRelHub.Testing.Processes;

namespace EndToEnd.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task An_unknown_database_provider_stops_the_host_with_exit_code_2_and_says_what_to_use()
    {
        var output = new ConcurrentQueue<string?>();
        using var process = HostProcess.Launch(["--Database:Provider=oracle", "--urls=http://127.0.0.1:0"], "Development", output.Enqueue);

        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Configuration error: Database:Provider 'oracle' is not supported. Use one of: sqlite, postgres, sqlserver.", string.Join('\n', output), StringComparison.Ordinal);
    }
}
