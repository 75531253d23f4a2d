using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EndToEnd.Tests;

/// <summary>
/// The real DevRelHub.Host executable in a child process on a free loopback port, on an SQLite file of
/// its own, seeded with the demo data as on a first start.
/// </summary>
public class HostProcess : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("devrelhub-e2e-").FullName;
    private readonly StringBuilder output = new();
    private Process? process;

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{FreePort()}");

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>What the host is started with besides its address and database.</summary>
    protected virtual string[] Options => [];

    public async ValueTask InitializeAsync()
    {
        process = Start(
        [
            $"--urls={BaseAddress}",
            $"--ConnectionStrings:DevRelHub=Data Source={Path.Combine(folder, "e2e.db")}",
            "--Identity:SignInAttemptsPerMinute=1000",
            .. Options,
        ]);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"The host exited with {process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(BaseAddress, "/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The host did not answer /health within 90 s:\n{Output}");
    }

    /// <summary>Starts the host executable with these arguments, its output collected into <see cref="Output"/>.</summary>
    public Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.HostProjectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Repository.HostAssembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var started = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        started.OutputDataReceived += (_, line) => Append(line.Data);
        started.ErrorDataReceived += (_, line) => Append(line.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The host as production starts it: <c>--no-demo</c>, so no demo users or data.</summary>
public sealed class ProductionHostProcess : HostProcess
{
    protected override string[] Options => ["--no-demo"];
}

internal static class Repository
{
    public static readonly string Root = FindRoot(AppContext.BaseDirectory);

    public static string HostProjectFolder => Path.Combine(Root, "src", "DevRelHub.Host");

    /// <summary>The host built in the same configuration as these tests (bin/Debug or bin/Release).</summary>
    public static string HostAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(HostProjectFolder, "bin", configuration, "net10.0", "DevRelHub.Host.dll");
        }
    }

    private static string FindRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Monolith.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Monolith.sln above {start}.");
    }
}
