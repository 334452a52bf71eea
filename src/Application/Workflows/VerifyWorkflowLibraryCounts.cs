using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Workflows;

/// <summary>
/// Checks every maintained library count against the rows (the administrator's <c>verify</c>) and,
/// with <paramref name="Repair"/>, sets the counts that differ to what the rows say.
/// </summary>
[RequireAdmin]
public sealed record VerifyWorkflowLibraryCountsCommand(bool Repair) : ICommand<WorkflowCountVerification>;

/// <summary>The counts that did not agree with the rows, and whether they were repaired.</summary>
public sealed record WorkflowCountVerification(IReadOnlyList<WorkflowCountDifference> Differences, bool Repaired);

internal sealed class VerifyWorkflowLibraryCountsHandler(IWorkflowLibraryCounts counts)
    : ICommandHandler<VerifyWorkflowLibraryCountsCommand, WorkflowCountVerification>
{
    public async ValueTask<WorkflowCountVerification> Handle(VerifyWorkflowLibraryCountsCommand command, CancellationToken cancellationToken)
    {
        var differences = await counts.VerifyAsync(command.Repair, cancellationToken);
        return new WorkflowCountVerification(differences, Repaired: command.Repair && differences.Count > 0);
    }
}
