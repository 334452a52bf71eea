using FluentValidation;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Application.Validation;
using Invoke.Domain.Models;
using Mediator;

namespace Invoke.Application.Models;

/// <summary>Unregisters a model, removing its files when they lie inside the models directory.</summary>
[RequireAdmin]
public sealed record DeleteModelCommand(string Key) : ICommand;

internal sealed class DeleteModelValidator : AbstractValidator<DeleteModelCommand>
{
    public DeleteModelValidator()
    {
        RuleFor(r => r.Key).WithoutNul().OverridePropertyName("path.key");
    }
}

internal sealed class DeleteModelHandler(IAppDbContext db, ModelsDirectory directory, IModelFileSystem files)
    : ICommandHandler<DeleteModelCommand>
{
    public async ValueTask<Unit> Handle(DeleteModelCommand command, CancellationToken cancellationToken)
    {
        await db.DeleteModelAsync(command.Key, directory, files, cancellationToken);
        return Unit.Value;
    }
}
