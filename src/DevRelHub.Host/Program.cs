using DevRelHub.Host.Cli;

return await CommandLine.RunAsync(args);

/// <summary>The entry point; <see cref="CommandLine"/> says what it does.</summary>
public partial class Program;
