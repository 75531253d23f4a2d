namespace DevRelHub.Benchmarks;

internal sealed class Arguments(string[] args)
{
    public string Get(string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    /// <summary>WebApplicationFactory finds the host's folder through an attribute only test projects get.</summary>
    public static string HostContentRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Monolith.sln")))
            {
                return Path.Combine(folder.FullName, "src", "DevRelHub.Host");
            }
        }
        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
