using FluentValidation;
using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Application.Validation;
using Invoke.Domain.Models;
using Mediator;

namespace Invoke.Application.Models;

/// <summary>Deletes each model in turn; a key that fails is reported and the others go on.</summary>
[RequireAdmin]
public sealed record BulkDeleteModelsCommand(IReadOnlyList<string> Keys) : ICommand<BulkDeleteModelsResultDto>;

internal sealed class BulkDeleteModelsValidator : AbstractValidator<BulkDeleteModelsCommand>
{
    public BulkDeleteModelsValidator()
    {
        RuleFor(c => c.Keys).EachWithoutNul("body.keys");
    }
}

internal sealed class BulkDeleteModelsHandler(IAppDbContext db, ModelsDirectory directory, IModelFileSystem files)
    : ICommandHandler<BulkDeleteModelsCommand, BulkDeleteModelsResultDto>
{
    public async ValueTask<BulkDeleteModelsResultDto> Handle(BulkDeleteModelsCommand command, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        var failed = new List<BulkDeleteFailureDto>();
        foreach (var key in command.Keys)
        {
            try
            {
                await db.DeleteModelAsync(key, directory, files, cancellationToken);
                deleted.Add(key);
            }
            catch (Exception e) when (e is NotFoundException or IOException or UnauthorizedAccessException)
            {
                failed.Add(new BulkDeleteFailureDto(key, e.Message));
            }
        }

        return new BulkDeleteModelsResultDto(deleted, failed);
    }
}
