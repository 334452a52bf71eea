using System.Text.Json.Nodes;
using FluentValidation;
using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Application.Validation;
using Invoke.Application.Workflows;
using Invoke.Domain.Models;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Models;

/// <summary>
/// Registers a model file or folder on this machine where it is (no copy, no download):
/// <paramref name="Source"/> is an absolute path or one relative to the models directory;
/// <paramref name="Config"/> overrides what was detected.
/// </summary>
[RequireAdmin]
public sealed record InstallModelCommand(string Source, ModelChanges Config) : ICommand<ModelInstallJobDto>;

internal sealed class InstallModelValidator : AbstractValidator<InstallModelCommand>
{
    public InstallModelValidator()
    {
        RuleFor(c => c.Source).WithoutNul().OverridePropertyName("query.source");
        RuleFor(c => c.Config).SetValidator(new ModelChangesValidator()).OverridePropertyName(string.Empty);
    }
}

internal sealed class InstallModelHandler(
    IAppDbContext db,
    ModelsDirectory directory,
    IModelFileSystem files,
    ModelInstallJobLog jobs,
    TimeProvider time) : ICommandHandler<InstallModelCommand, ModelInstallJobDto>
{
    public const string UnrecognizedFormat = "Unrecognized file/folder format";

    /// <summary>InvokeAI's answer (409) for a source that is neither an existing path, a URL nor a repo id.</summary>
    public static string UnsupportedSource(string source) => $"Unsupported model source: '{source}'";

    public static string AlreadyInstalled(string path) => $"A model with path '{path}' is already installed";

    public async ValueTask<ModelInstallJobDto> Handle(InstallModelCommand command, CancellationToken cancellationToken)
    {
        var location = Locate(command.Source);
        var onDisk = files.Inspect(location) ?? throw new ConflictException(UnsupportedSource(command.Source));
        var classification = onDisk.Classification ?? throw new UnsupportedMediaTypeException(UnrecognizedFormat);
        var recordedPath = directory.RecordedPathOf(location);
        if (recordedPath.Length > ModelLimits.MaxPathLength)
        {
            throw new BadRequestException($"The model path is longer than {ModelLimits.MaxPathLength} characters");
        }

        if (await db.Models.AnyAsync(m => m.Path == recordedPath, cancellationToken))
        {
            throw new ConflictException(AlreadyInstalled(recordedPath));
        }

        var hash = await files.HashAsync(location, cancellationToken);
        var model = Model.Register(
            new ModelRegistration(recordedPath, hash, onDisk.SizeBytes, onDisk.Name, command.Source, classification),
            command.Config,
            time.GetUtcNow().UtcDateTime);
        db.Models.Add(model);

        // The job is saved with the model it installed: a job is never recorded for an install that
        // did not happen, nor an install left without its job.
        var job = jobs.Track(new ModelInstallJobDto(
            0,
            ModelInstallStatus.Completed,
            ErrorReason: null,
            ConfigIn: ConfigInOf(command.Config),
            ConfigOut: new RawJson(model.Config),
            Inplace: true,
            new LocalModelSourceDto(command.Source, Inplace: true, "local"),
            LocalPath: location,
            Bytes: model.FileSize,
            TotalBytes: model.FileSize,
            SourceMetadata: null,
            DownloadParts: [],
            Error: null,
            ErrorTraceback: null));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another install of the same path won the race and the unique index refused this one;
            // any other failure keeps its own cause.
            if (await db.Models.AnyAsync(m => m.Path == recordedPath, CancellationToken.None))
            {
                throw new ConflictException(AlreadyInstalled(recordedPath));
            }

            throw;
        }

        return ModelInstallJobLog.Saved(job);
    }

    private string Locate(string source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new ConflictException(UnsupportedSource(source));
        }

        try
        {
            return directory.Locate(source);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new ConflictException(UnsupportedSource(source));
        }
    }

    /// <summary>The overrides as sent, without the fields that were not.</summary>
    private static RawJson ConfigInOf(ModelChanges changes) => new(new JsonObject(changes.DocumentFields()).ToJsonString());
}
