using System.CommandLine;
using Invoke.Application.Workflows;
using Mediator;

namespace Invoke.WebApi.Cli;

/// <summary>
/// <c>verify [--repair]</c>: checks every maintained count against the rows and prints each one
/// that differs; with <c>--repair</c> sets those to what the rows say. Exits with 1 when counts
/// differ and were left as they are, else 0.
/// </summary>
internal sealed class VerifyCommand : UseCaseCommand
{
    private readonly Option<bool> _repair = new("--repair") { Description = "Set every count that differs to what the rows say" };

    public override string Name => "verify";

    public override string Description => "Check the maintained workflow library counts against the rows (and repair them with --repair)";

    public override IEnumerable<Option> Options => [_repair];

    protected override async Task<int> RunAsync(ParseResult options, ISender sender, CliConsole console, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new VerifyWorkflowLibraryCountsCommand(options.GetValue(_repair)), cancellationToken);
        if (result.Differences.Count == 0)
        {
            console.Out.WriteLine("✅ Every library count agrees with the workflows");
            return 0;
        }

        foreach (var difference in result.Differences)
        {
            console.Out.WriteLine(
                $"❌ {difference.Category} workflows, {(difference.IsPublic ? "shared" : "private")}, {(difference.IsOpened ? "opened" : "never opened")}: " +
                $"counted {difference.Stored}, the rows say {difference.Actual}");
        }

        if (result.Repaired)
        {
            console.Out.WriteLine($"✅ Repaired {result.Differences.Count} count(s)");
            return 0;
        }

        console.Out.WriteLine($"{result.Differences.Count} count(s) disagree with the workflows; run 'verify --repair' to repair them");
        return 1;
    }
}
