using FluentValidation;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Workflows;
using Mediator;

namespace Invoke.Application.Workflows;

/// <summary>Saves a new workflow in the caller's library (private in multi-user mode).</summary>
[RequireUser]
public sealed record CreateWorkflowCommand(WorkflowDocument Workflow) : ICommand<WorkflowRecordDto>;

internal sealed class CreateWorkflowValidator : AbstractValidator<CreateWorkflowCommand>
{
    public CreateWorkflowValidator()
    {
        RuleFor(c => c.Workflow).SetValidator(new WorkflowDocumentValidator()).OverridePropertyName("body.workflow");
    }
}

internal sealed class CreateWorkflowHandler(
    IAppDbContext db,
    ICurrentUser currentUser,
    ServerMode mode,
    TimeProvider time) : ICommandHandler<CreateWorkflowCommand, WorkflowRecordDto>
{
    public async ValueTask<WorkflowRecordDto> Handle(CreateWorkflowCommand command, CancellationToken cancellationToken)
    {
        var workflow = Workflow.Create(
            currentUser.RequireActor(),
            command.Workflow,
            isPublic: !mode.MultiUser,
            time.GetUtcNow().UtcDateTime);
        db.Workflows.Add(workflow);
        await db.SaveChangesAsync(cancellationToken);
        return workflow.ToRecordDto();
    }
}
