namespace Invoke.Tests.Shared;

/// <summary>
/// Things made by InvokeAI itself that some tests need and the repository never holds: its built web
/// UI, its OpenAPI document, an installation made by its own code. They are found under the folder
/// named by <c>INVOKE_TEST_SHARED</c> (<c>.ci/run</c> and <c>scripts/test.sh</c> point it at
/// <c>../shared</c>). A test that needs one and does not find it is skipped with a message that says so.
/// </summary>
public static class SharedArtifacts
{
    public const string Variable = "INVOKE_TEST_SHARED";

    /// <summary>The shared folder, or null when the variable is unset or names no folder.</summary>
    public static string? Root
    {
        get
        {
            var root = Environment.GetEnvironmentVariable(Variable);
            return string.IsNullOrWhiteSpace(root) || !Directory.Exists(root) ? null : Path.GetFullPath(root);
        }
    }

    /// <summary>InvokeAI's built web UI, as a tarball.</summary>
    public static string WebUiBundle => Require("webui", "invokeai-webui-8e71a8a5.tar.gz");

    /// <summary>InvokeAI's own OpenAPI document.</summary>
    public static string InvokeAiOpenApi => Require("invokeai", "openapi.json");

    /// <summary>A root folder of an InvokeAI installation made by InvokeAI's own code (never open it in place: copy it).</summary>
    public static string InvokeAiRoot => Require("fixtures", "invokeai-root");

    /// <summary>The path under the shared folder; skips the calling test, loudly, when it is not there.</summary>
    public static string Require(params string[] parts)
    {
        var root = Root;
        var relative = Path.Combine(parts);
        if (root is null)
        {
            Assert.Skip($"SKIPPED: needs {relative} from InvokeAI; set {Variable} to the shared folder (.ci/run points it at ../shared).");
        }

        var path = Path.Combine(root, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Assert.Skip($"SKIPPED: {path} does not exist; {Variable} points at {root}.");
        }

        return path;
    }
}
