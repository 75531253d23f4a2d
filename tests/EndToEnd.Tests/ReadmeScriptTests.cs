using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>The README's API walk-through, run as written against a fresh demo host.</summary>
public sealed partial class ReadmeScriptTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_readme_script_signs_in_records_and_finds_the_total_in_the_pdf_text()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/curl") && File.Exists("/usr/bin/pdftotext"),
            "The README's script needs curl and pdftotext (poppler-utils); ./test.sh installs them when run as root.");
        var readme = await File.ReadAllTextAsync(Path.Combine(HostExecutable.RepositoryRoot, "README.md"), TestContext.Current.CancellationToken);
        var script = ApiScript().Match(readme).Groups["script"].Value
            .Replace("B=http://localhost:5080", $"B={host.BaseAddress.ToString().TrimEnd('/')}", StringComparison.Ordinal);
        Assert.Contains("pdftotext", script, StringComparison.Ordinal);
        var folder = Directory.CreateTempSubdirectory("devrelhub-readme-").FullName;

        var info = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var bash = Process.Start(info)!;
        var output = await bash.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await bash.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken);
        Directory.Delete(folder, recursive: true);

        Assert.True(bash.ExitCode == 0, $"The README script failed ({bash.ExitCode}):\n{output}\n{errors}");
        Assert.Contains("\"fullName\":\"Grace Hopper\"", output, StringComparison.Ordinal);
        Assert.Contains("\"awareness\":14140", output, StringComparison.Ordinal);
        Assert.Contains("Our work reached 14,140 eyeballs", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"## API.*?```bash\n(?<script>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ApiScript();
}
