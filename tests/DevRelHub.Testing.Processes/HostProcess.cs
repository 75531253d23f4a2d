using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DevRelHub.Testing.Processes;

/// <summary>
/// The real DevRelHub.Host executable in a child process on a loopback port of its own, with the arguments it was
/// made with. It can be killed without warning (SIGKILL, as a power cut or the OOM killer would) and started again on
/// the same port and database.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly string[] arguments;
    private readonly string environment;
    private readonly StringBuilder output = new();
    private Process? process;

    /// <param name="arguments">Configuration for the host besides its address (<c>--Key=Value</c>, or verbs).</param>
    /// <param name="environment">The ASP.NET Core environment it runs in.</param>
    public HostProcess(IEnumerable<string> arguments, string environment = "Development")
    {
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        this.arguments = [$"--urls={BaseAddress}", .. arguments];
        this.environment = environment;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the host wrote to standard output and error, over every start.</summary>
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

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts the host and waits until <c>/health</c> answers 200 (migrations and seeding done).</summary>
    public async Task StartAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The host is already running.");
        }
        process?.Dispose();
        var started = process = Launch(arguments, environment, Append);
        try
        {
            await WaitUntilHealthyAsync(BaseAddress, timeout ?? TimeSpan.FromSeconds(90), cancellationToken, () =>
            {
                if (started.HasExited)
                {
                    started.WaitForExit();
                    throw new InvalidOperationException($"The host exited with {started.ExitCode}:\n{Output}");
                }
            });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Output}", e);
        }
    }

    /// <summary>
    /// Waits until the host at <paramref name="baseAddress"/> answers <c>/health</c> with 200 (down, starting and
    /// restarting all count as not yet); <paramref name="check"/> runs before each try and may throw to give up early.
    /// </summary>
    public static async Task WaitUntilHealthyAsync(Uri baseAddress, TimeSpan timeout, CancellationToken cancellationToken, Action? check = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            check?.Invoke();
            try
            {
                if ((await http.GetAsync(new Uri(baseAddress, "/health"), cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"{baseAddress} did not answer /health within {timeout.TotalSeconds} s.");
    }

    /// <summary>Kills the host at once (SIGKILL): no shutdown hooks, no flushing, transactions cut where they are.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>The host's resident memory (Linux), in megabytes.</summary>
    public double ResidentMegabytes =>
        double.Parse(File.ReadLines($"/proc/{process?.Id ?? throw new InvalidOperationException("The host is not running.")}/status")
            .First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Starts the host executable with exactly these arguments (no address added), its output lines handed to
    /// <paramref name="output"/>; for runs that are expected to stop on their own, such as a configuration error.
    /// </summary>
    public static Process Launch(IEnumerable<string> arguments, string environment, Action<string?> output)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = HostExecutable.ProjectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HostExecutable.Assembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        var started = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        started.OutputDataReceived += (_, line) => output(line.Data);
        started.ErrorDataReceived += (_, line) => output(line.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
