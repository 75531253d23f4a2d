using DevRelHub.Benchmarks;

// Stopwatch harnesses that print their figures as tables; see README.md for what each measures.
//   dotnet run -c Release --project tests/Benchmarks -- queries [--sizes 1000,10000,100000] [--provider sqlite|postgres]
//   dotnet run -c Release --project tests/Benchmarks -- workflows [--instances 2000] [--provider sqlite,postgres]
//   dotnet run -c Release --project tests/Benchmarks -- board [--applications 2000] [--provider sqlite|postgres]
//   dotnet run -c Release --project tests/Benchmarks -- metrics [--observations 10000000] [--activities 2000] [--files 10] [--every 1] [--provider sqlite|postgres]
//   dotnet run -c Release --project tests/Benchmarks -- reports [--pages 50] [--observations 10000000] [--every 1] [--provider sqlite|postgres]
//   dotnet run -c Release --project tests/Benchmarks -- outbox [--backlog 1000,10000,50000] [--sent 100000] [--provider sqlite|postgres]
//   dotnet run -c Release --project tests/Benchmarks -- connections [--opens 200000]
var arguments = new Arguments(args);
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DEVRELHUB_HOST", Arguments.HostContentRoot());
if (args.FirstOrDefault() == "workflows")
{
    await WorkflowBenchmarks.RunAsync(arguments);
}
else if (args.FirstOrDefault() == "metrics")
{
    await MetricsBenchmarks.RunAsync(arguments);
}
else if (args.FirstOrDefault() == "reports")
{
    await ReportBenchmarks.RunAsync(arguments);
}
else if (args.FirstOrDefault() == "outbox")
{
    await OutboxBenchmarks.RunAsync(arguments);
}
else if (args.FirstOrDefault() == "connections")
{
    await ConnectionBenchmarks.RunAsync(arguments);
}
else if (args.FirstOrDefault() == "board")
{
    await BoardRendering.RunAsync(arguments);
}
else
{
    await QueryScaling.RunAsync(arguments);
}
