using System.Diagnostics;

namespace Invoke.Benchmarks.Harness;

/// <summary>Latency of one operation, in milliseconds.</summary>
public sealed record Timing(int Samples, double P50, double P95, double P99, double Mean, double Max)
{
    public static Timing Of(List<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.Order().ToArray();
        return new Timing(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted.Average(), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>How long and how often each side of a case is run.</summary>
/// <param name="Warmup">Operations of each side before timing (more, up to 20 times as many, until <paramref name="WarmupSeconds"/> have passed).</param>
public sealed record Budget(
    int Warmup = 10, double WarmupSeconds = 0.5, int MaxSamples = 200, int MinSamples = 10, double Seconds = 2.0, int Rounds = 4);

/// <summary>
/// Times the handler and its floor side by side: both warmed up, then measured in alternating
/// rounds (handler, floor, handler, floor…) so that drift of the machine affects both alike. Each
/// operation is timed on its own, so the percentiles are per operation, not per batch.
/// </summary>
public static class Sampler
{
    public static async Task<(Timing Handler, Timing? Floor)> MeasureAsync(Func<Task> handler, Func<Task>? floor, Budget budget)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(budget);
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < budget.Warmup || (warm.Elapsed.TotalSeconds < budget.WarmupSeconds && i < 20 * budget.Warmup); i++)
        {
            await handler();
            if (floor is not null)
            {
                await floor();
            }
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var handlerSamples = new List<double>();
        var floorSamples = floor is null ? null : new List<double>();
        var perRound = Math.Max(1, budget.MaxSamples / budget.Rounds);
        var minPerRound = Math.Max(1, (budget.MinSamples + budget.Rounds - 1) / budget.Rounds);
        var secondsPerRound = budget.Seconds / budget.Rounds;
        for (var round = 0; round < budget.Rounds; round++)
        {
            await RunAsync(handler, handlerSamples, perRound, minPerRound, secondsPerRound);
            if (floor is not null)
            {
                await RunAsync(floor, floorSamples!, perRound, minPerRound, secondsPerRound);
            }
        }

        return (Timing.Of(handlerSamples), floorSamples is null ? null : Timing.Of(floorSamples));
    }

    private static async Task RunAsync(Func<Task> operation, List<double> samples, int max, int min, double seconds)
    {
        var round = Stopwatch.StartNew();
        for (var i = 0; i < max && (i < min || round.Elapsed.TotalSeconds < seconds); i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }
}
