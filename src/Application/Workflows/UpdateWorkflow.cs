using FluentValidation;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Application.Validation;
using Invoke.Domain.Workflows;
using Mediator;

namespace Invoke.Application.Workflows;

/// <summary>
/// Replaces the document of the workflow named in the URL. <paramref name="DocumentId"/> is the
/// <c>id</c> inside the sent document, if any; it must name the same workflow.
/// </summary>
[RequireUser]
public sealed record UpdateWorkflowCommand(string WorkflowId, string? DocumentId, WorkflowDocument Workflow)
    : ICommand<WorkflowRecordDto>;

internal sealed class UpdateWorkflowValidator : AbstractValidator<UpdateWorkflowCommand>
{
    public UpdateWorkflowValidator()
    {
        RuleFor(c => c.Workflow).SetValidator(new WorkflowDocumentValidator()).OverridePropertyName("body.workflow");
        RuleFor(c => c.DocumentId)
            .Must((command, documentId) => documentId is null || string.Equals(documentId, command.WorkflowId, StringComparison.Ordinal))
            .AsBadRequest(IdMismatch)
            .OverridePropertyName("body.workflow.id");
    }

    public const string IdMismatch = "Workflow id in body does not match the URL";
}

internal sealed class UpdateWorkflowHandler(IAppDbContext db, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<UpdateWorkflowCommand, WorkflowRecordDto>
{
    public async ValueTask<WorkflowRecordDto> Handle(UpdateWorkflowCommand command, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.GetAsync(command.WorkflowId, cancellationToken);
        workflow.Update(currentUser.RequireActor(), command.Workflow, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return workflow.ToRecordDto();
    }
}
