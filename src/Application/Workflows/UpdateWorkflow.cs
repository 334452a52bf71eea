using FluentValidation;
using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Application.Validation;
using Invoke.Domain.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Workflows;

/// <summary>
/// Replaces the document of the workflow named in the URL. <paramref name="DocumentId"/> is the
/// <c>id</c> inside the sent document, if any; it must name the same workflow. With
/// <paramref name="IfMatch"/> (the <c>If-Match</c> header) the document replaces only the state that
/// tag names, else 412; without it the last document saved wins, and what is not in the document
/// (sharing, opened, thumbnail) stays as concurrent requests left it.
/// </summary>
[RequireUser]
public sealed record UpdateWorkflowCommand(string WorkflowId, string? DocumentId, WorkflowDocument Workflow, string? IfMatch = null)
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
        var actor = currentUser.RequireActor();
        var now = time.GetUtcNow().UtcDateTime;
        if (command.IfMatch is null)
        {
            var updated = await db.ChangeWorkflowAsync(command.WorkflowId, w => w.Update(actor, command.Workflow, now), cancellationToken);
            return updated.ToRecordDto();
        }

        var workflow = await db.Workflows.GetAsync(command.WorkflowId, cancellationToken);
        var matches = WorkflowETag.Matches(command.IfMatch, workflow.Version);
        workflow.Update(actor, command.Workflow, now);
        if (!matches)
        {
            throw new PreconditionFailedException(WorkflowETag.Mismatch);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Changed between the load and the save: the tag matched a state that is gone.
            throw new PreconditionFailedException(WorkflowETag.Mismatch);
        }

        return workflow.ToRecordDto();
    }
}
