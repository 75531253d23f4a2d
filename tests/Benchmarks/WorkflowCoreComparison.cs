using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace DevRelHub.Benchmarks;

/// <summary>
/// The same six-node flow on WorkflowCore with its default in-memory persistence: start, four steps that
/// each wait for an event, end. Each caller starts an instance and publishes its four events; the clock
/// stops when the last instance reports it completed.
/// </summary>
internal static class WorkflowCoreComparison
{
    public sealed class StepData
    {
        public string Key { get; set; } = "";
    }

    public sealed class FourSteps : IWorkflow<StepData>
    {
        public string Id => "four-steps";

        public int Version => 1;

        public void Build(IWorkflowBuilder<StepData> builder) => builder
            .StartWith(_ => ExecutionResult.Next())
            .WaitFor("step1", data => data.Key)
            .WaitFor("step2", data => data.Key)
            .WaitFor("step3", data => data.Key)
            .WaitFor("step4", data => data.Key)
            .Then(_ => ExecutionResult.Next());
    }

    public static async Task<double> CompletedPerSecondAsync(int instances, int callers)
    {
        var services = new ServiceCollection().AddLogging().AddWorkflow().BuildServiceProvider();
        var host = services.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<FourSteps, StepData>();
        var completed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var target = instances;
        host.OnLifeCycleEvent += lifeCycle =>
        {
            if (lifeCycle is WorkflowCompleted && Interlocked.Increment(ref completed) == Volatile.Read(ref target))
            {
                done.TrySetResult();
            }
        };
        await host.StartAsync(CancellationToken.None);
        try
        {
            target = 100;
            await RunAsync(host, 100, callers, "warm");
            await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
            completed = 0;
            target = instances;
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = Stopwatch.StartNew();
            await RunAsync(host, instances, callers, "run");
            await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
            return instances / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            await services.DisposeAsync();
        }
    }

    private static Task RunAsync(IWorkflowHost host, int instances, int callers, string prefix)
    {
        var remaining = instances;
        return Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) is var left and >= 0)
            {
                var key = $"{prefix}-{left}";
                await host.StartWorkflow("four-steps", 1, new StepData { Key = key });
                for (var step = 1; step <= 4; step++)
                {
                    await host.PublishEvent($"step{step}", key, null);
                }
            }
        })));
    }
}
