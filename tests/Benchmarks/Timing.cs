using System.Diagnostics;

namespace DevRelHub.Benchmarks;

internal static class Timing
{
    /// <summary>The median of <paramref name="runs"/> timed calls in milliseconds, after one untimed call that warms caches and JIT.</summary>
    public static double Median<T>(Func<Task<T>> query, int runs)
    {
        query().GetAwaiter().GetResult();
        var timings = new double[runs];
        for (var run = 0; run < runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            query().GetAwaiter().GetResult();
            timings[run] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(timings);
        return timings[runs / 2];
    }
}
