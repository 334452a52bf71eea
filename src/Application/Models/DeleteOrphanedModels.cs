using Invoke.Application.Security;
using Invoke.Domain.Models;
using Mediator;

namespace Invoke.Application.Models;

/// <summary>
/// Removes the given paths (relative to the models directory), each on its own: a path that breaks
/// a rule of <see cref="ModelsDirectory.CheckRemoval"/> is reported and nothing is touched for it.
/// As in InvokeAI, it does not re-check that the path is still orphaned.
/// </summary>
[RequireAdmin]
public sealed record DeleteOrphanedModelsCommand(IReadOnlyList<string> Paths) : ICommand<DeleteOrphanedModelsResultDto>;

internal sealed class DeleteOrphanedModelsHandler(ModelsDirectory directory, IModelFileSystem files)
    : ICommandHandler<DeleteOrphanedModelsCommand, DeleteOrphanedModelsResultDto>
{
    public ValueTask<DeleteOrphanedModelsResultDto> Handle(DeleteOrphanedModelsCommand command, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in command.Paths.Distinct(StringComparer.Ordinal))
        {
            var removal = directory.CheckRemoval(path);
            if (removal.BrokenRule is { } rule)
            {
                errors[path] = "error: " + rule.Message;
                continue;
            }

            try
            {
                files.Remove(removal.FullPath!);
                deleted.Add(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors[path] = "error: " + e.Message;
            }
        }

        return ValueTask.FromResult(new DeleteOrphanedModelsResultDto(deleted, errors));
    }
}
