using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Workflows;

/// <summary>Shares a workflow with every user (read-only) or makes it private again.</summary>
[RequireUser]
public sealed record SetWorkflowSharingCommand(string WorkflowId, bool IsPublic) : ICommand<WorkflowRecordDto>;

internal sealed class SetWorkflowSharingHandler(IAppDbContext db, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<SetWorkflowSharingCommand, WorkflowRecordDto>
{
    public async ValueTask<WorkflowRecordDto> Handle(SetWorkflowSharingCommand command, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.GetAsync(command.WorkflowId, cancellationToken);
        workflow.SetShared(currentUser.RequireActor(), command.IsPublic, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return workflow.ToRecordDto();
    }
}
