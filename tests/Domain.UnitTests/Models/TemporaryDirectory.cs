namespace Invoke.Domain.UnitTests.Models;

/// <summary>A real directory for tests that need a file system: a models directory beside an "outside" one.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "invoke-ut-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Models);
        Directory.CreateDirectory(Outside);
    }

    public string Path { get; }

    public string Models => System.IO.Path.Combine(Path, "models");

    public string Outside => System.IO.Path.Combine(Path, "outside");

    public string WriteFile(string path, string content = "weights")
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
