using Invoke.Domain.Models;

namespace Invoke.Domain.UnitTests.Models;

public sealed class OrphanedModelsTests
{
    private static readonly ModelsDirectory Directory = new(Path.Combine(Path.GetTempPath(), "invoke-ut-orphans-" + Guid.NewGuid().ToString("N")));

    [Fact]
    public void A_RegisteredModel_ClaimsItsWholeTopLevelEntry()
    {
        var orphans = OrphanedModels.Find(
            Directory,
            [At("sdxl", "main", "registered.safetensors")],
            [File(At("sdxl", "main", "registered.safetensors")), File(At("sdxl", "lora", "unregistered.safetensors"))]);

        orphans.Should().BeEmpty();
    }

    [Fact]
    public void Files_NoModelAccountsFor_AreGroupedByTopLevelEntry()
    {
        var orphans = OrphanedModels.Find(
            Directory,
            [],
            [File(At("old", "b.safetensors"), 10), File(At("old", "sub", "a.ckpt"), 5), File(At("loose.safetensors"), 7)]);

        orphans.Should().BeEquivalentTo(
            [
                new OrphanedModel("loose.safetensors", At("loose.safetensors"), ["loose.safetensors"], 7),
                new OrphanedModel("old", At("old"), ["b.safetensors", "sub/a.ckpt"], 15),
            ],
            options => options.WithStrictOrdering());
    }

    [Fact]
    public void A_ModelRegisteredOutsideTheDirectory_ClaimsNothingInside()
    {
        var orphans = OrphanedModels.Find(Directory, ["/elsewhere/model.safetensors"], [File(At("x", "model.safetensors"))]);

        orphans.Should().ContainSingle().Which.Path.Should().Be("x");
    }

    [Fact]
    public void An_EntryHoldingTheServersData_IsNeverAnOrphan()
    {
        var root = new ModelsDirectory(Directory.Root, [At("databases"), At("workflow_thumbnails")]);

        var orphans = OrphanedModels.Find(root, [], [File(At("databases", "model.bin")), File(At("loose.safetensors"))]);

        orphans.Should().ContainSingle().Which.Path.Should().Be("loose.safetensors");
    }

    [Theory]
    [InlineData("a.SAFETENSORS", true)]
    [InlineData("a.gguf", true)]
    [InlineData("a.json", false)]
    [InlineData("a.txt", false)]
    public void Only_WeightsFiles_AreModelFiles(string name, bool expected)
    {
        OrphanedModels.IsModelFile(name).Should().Be(expected);
    }

    private static string At(params string[] parts) => Path.Combine([Directory.Root, .. parts]);

    private static ModelFile File(string path, long size = 1) => new(path, size);
}
