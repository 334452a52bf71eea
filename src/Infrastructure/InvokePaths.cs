namespace Invoke.Infrastructure;

/// <summary>Where the server keeps its files, all under one root directory.</summary>
public sealed class InvokePaths(string root)
{
    public const string RootEnvironmentVariable = "INVOKEAI_ROOT";

    public string Root { get; } = Path.GetFullPath(root);

    public string DatabaseFile => Path.Combine(Root, "databases", "invoke.db");

    public string WorkflowThumbnails => Path.Combine(Root, "workflow_thumbnails");

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
