using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Workflows;

/// <summary>Removes a workflow and its thumbnail from the library.</summary>
[RequireUser]
public sealed record DeleteWorkflowCommand(string WorkflowId) : ICommand;

internal sealed class DeleteWorkflowHandler(IAppDbContext db, ICurrentUser currentUser)
    : ICommandHandler<DeleteWorkflowCommand>
{
    public async ValueTask<Unit> Handle(DeleteWorkflowCommand command, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.GetAsync(command.WorkflowId, cancellationToken);
        workflow.Delete(currentUser.RequireActor());
        db.Workflows.Remove(workflow);
        // The thumbnail row goes with the workflow's (a cascading foreign key), in the same statement.
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
