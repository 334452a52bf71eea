using Invoke.Benchmarks.Dataset;

namespace Invoke.Benchmarks.Harness;

/// <summary>One provider at one library size: the dataset, how it was made, and every case.</summary>
public sealed record RunResult(
    string Provider,
    string Size,
    int Workflows,
    int Users,
    int TypicalUserWorkflows,
    int PowerUserWorkflows,
    DatasetSummary? Generation,
    double BenchmarkSeconds,
    DateTime FinishedAt,
    List<CaseResult> Cases);
