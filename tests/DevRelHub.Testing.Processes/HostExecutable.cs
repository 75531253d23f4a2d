namespace DevRelHub.Testing.Processes;

/// <summary>Where the repository and the built host are, seen from the calling program's output folder.</summary>
public static class HostExecutable
{
    public static string RepositoryRoot { get; } = FindRoot(AppContext.BaseDirectory);

    /// <summary>The host project's folder, its content root when run (appsettings.json, wwwroot).</summary>
    public static string ProjectFolder => Path.Combine(RepositoryRoot, "src", "DevRelHub.Host");

    /// <summary>The host built in the caller's configuration (bin/Debug or bin/Release).</summary>
    public static string Assembly
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(ProjectFolder, "bin", configuration, "net10.0", "DevRelHub.Host.dll");
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
