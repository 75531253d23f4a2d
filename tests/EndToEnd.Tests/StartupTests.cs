namespace EndToEnd.Tests;

public sealed class StartupTests : IAsyncLifetime
{
    private readonly HostProcess host = new();

    [Fact]
    public async Task An_unknown_database_provider_stops_the_host_with_exit_code_2_and_says_what_to_use()
    {
        using var process = host.Start("--Database:Provider=oracle", "--urls=http://127.0.0.1:0");

        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Configuration error: Database:Provider 'oracle' is not supported. Use one of: sqlite, postgres, sqlserver.", host.Output, StringComparison.Ordinal);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
