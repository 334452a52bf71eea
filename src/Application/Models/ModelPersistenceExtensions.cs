using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Workflows;
using Invoke.Domain.Models;
using Invoke.Domain.Models.Specifications;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Models;

internal static class ModelPersistenceExtensions
{
    /// <summary>InvokeAI's <c>UnknownModelException</c> text.</summary>
    public const string NotFound = "model not found";

    public static async Task<Model> GetAsync(this IQueryable<Model> models, string key, CancellationToken cancellationToken) =>
        await models.FirstOrDefaultAsync(m => m.Key == key, cancellationToken)
            ?? throw new NotFoundException(NotFound);

    /// <summary>The config of the first model (in the default order) matching the filter, or a 404 with <paramref name="notFound"/>.</summary>
    public static async Task<RawJson> FirstConfigAsync(
        this IQueryable<Model> models, ModelFilter filter, string notFound, CancellationToken cancellationToken) =>
        await models.AsNoTracking()
            .WithSpecification(new ModelsMatchingSpec(filter))
            .Select(m => new RawJson(ModelConfigKinds.Complete(m.Config)))
            .Cast<RawJson?>()
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(notFound);

    /// <summary>The real location of a registered model, or null when its path cannot be resolved.</summary>
    public static string? TryLocate(this ModelsDirectory directory, Model model)
    {
        try
        {
            return directory.Locate(model.Path);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Unregisters a model and, when its files lie inside the models directory, removes them (as
    /// InvokeAI does). Files installed in place elsewhere are left alone.
    /// </summary>
    public static async Task DeleteModelAsync(
        this IAppDbContext db, string key, ModelsDirectory directory, IModelFileSystem files, CancellationToken cancellationToken)
    {
        var model = await db.Models.GetAsync(key, cancellationToken);
        db.Models.Remove(model);
        await db.SaveChangesAsync(cancellationToken);

        // After the row is gone: a file left behind by a failure here is an orphan that "sync models" finds.
        if (model.HasFiles && directory.TryLocate(model) is { } location
            && directory.StrictlyContains(location) && !directory.HoldsServerData(location) && Path.Exists(location))
        {
            files.Remove(location);
        }
    }
}
