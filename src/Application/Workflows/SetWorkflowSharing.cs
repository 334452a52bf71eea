using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Workflows;

/// <summary>
/// Shares a workflow with every user (read-only) or makes it private again: on the workflow as it is
/// at the save, so a document saved meanwhile keeps its edits.
/// </summary>
[RequireUser]
public sealed record SetWorkflowSharingCommand(string WorkflowId, bool IsPublic) : ICommand<WorkflowRecordDto>;

internal sealed class SetWorkflowSharingHandler(IAppDbContext db, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<SetWorkflowSharingCommand, WorkflowRecordDto>
{
    public async ValueTask<WorkflowRecordDto> Handle(SetWorkflowSharingCommand command, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        var now = time.GetUtcNow().UtcDateTime;
        var workflow = await db.ChangeWorkflowAsync(command.WorkflowId, w => w.SetShared(actor, command.IsPublic, now), cancellationToken);
        return workflow.ToRecordDto();
    }
}
