namespace Invoke.Infrastructure;

/// <summary>Where the server keeps its files: under one root directory, models where configured.</summary>
public sealed class InvokePaths(string root, string? modelsDirectory = null)
{
    public const string DefaultModelsDirectory = "models";

    public const string RootEnvironmentVariable = "INVOKEAI_ROOT";

    public string Root { get; } = Path.GetFullPath(root);

    public string DatabaseFile => Path.Combine(Root, "databases", "invoke.db");

    public string WorkflowThumbnails => Path.Combine(Root, "workflow_thumbnails");

    /// <summary>
    /// The server's own data, never removed by a model operation (nor any folder holding it, the
    /// root included): the databases folder, thumbnails, InvokeAI's configuration and the server's
    /// own settings beside the executable.
    /// </summary>
    public IReadOnlyList<string> ServerData =>
    [
        Path.GetDirectoryName(DatabaseFile)!,
        WorkflowThumbnails,
        Path.Combine(Root, "invokeai.yaml"),
        Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
    ];

    /// <summary><c>Invoke:ModelsDirectory</c>, resolved against the root when relative.</summary>
    public string ModelsDirectory { get; } = Path.GetFullPath(
        string.IsNullOrWhiteSpace(modelsDirectory) ? DefaultModelsDirectory : modelsDirectory,
        Path.GetFullPath(root));

    /// <summary>
    /// The root the server uses when none is configured: <c>$INVOKEAI_ROOT</c>, else
    /// <c>~/invokeai</c> — the same place InvokeAI looks.
    /// </summary>
    public static string DefaultRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(RootEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "invokeai");
    }
}
