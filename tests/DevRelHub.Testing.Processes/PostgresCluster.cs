using System.Diagnostics;
using System.Globalization;

namespace DevRelHub.Testing.Processes;

/// <summary>
/// A throwaway PostgreSQL cluster of Debian's packages in a temp folder, on a loopback port of its own, that a test
/// may stop and start (an outage) without touching the cluster other tests share. Run as root, the cluster belongs to
/// the postgres user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string folder;
    private readonly string bin;

    private PostgresCluster(string bin, string folder, int port)
    {
        this.bin = bin;
        this.folder = folder;
        Port = port;
    }

    /// <summary>The newest installed server's programs, or null when PostgreSQL is not installed.</summary>
    public static string? InstalledBin { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .Select(version => Path.Combine(version, "bin"))
            .Where(candidate => File.Exists(Path.Combine(candidate, "initdb")))
            .OrderBy(candidate => int.TryParse(Path.GetFileName(Path.GetDirectoryName(candidate)), CultureInfo.InvariantCulture, out var major) ? major : 0)
            .LastOrDefault()
        : null;

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=devrelhub;Database={database};Timeout=5;Command Timeout=30";

    /// <summary>Creates the cluster (initdb) and starts it.</summary>
    public static async Task<PostgresCluster> CreateAsync(CancellationToken cancellationToken = default)
    {
        var bin = InstalledBin ?? throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb).");
        var folder = Directory.CreateTempSubdirectory("devrelhub-pg-").FullName;
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres", folder], asPostgres: false, cancellationToken);
        }
        var cluster = new PostgresCluster(bin, folder, HostProcess.FreePort());
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", cluster.DataFolder, "-U", "devrelhub", "--auth=trust", "--encoding=UTF8", "--no-locale"], true, cancellationToken);
        await cluster.StartAsync(cancellationToken);
        return cluster;
    }

    private string DataFolder => Path.Combine(folder, "data");

    public Task StartAsync(CancellationToken cancellationToken = default) =>
        RunAsync(Path.Combine(bin, "pg_ctl"),
        [
            "-D", DataFolder, "-l", Path.Combine(folder, "postgres.log"), "-w", "-o",
            $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "start",
        ], true, cancellationToken);

    /// <summary>Stops the server the way an operator's restart does: sessions are ended, open transactions rolled back.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", DataFolder, "-m", "fast", "-w", "stop"], true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"], true, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(folder, recursive: true);
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var info = asPostgres && Environment.UserName == "root" ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments]) : new ProcessStartInfo(program, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
