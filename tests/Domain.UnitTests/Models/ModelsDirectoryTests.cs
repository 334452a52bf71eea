using Invoke.Domain.Models;
using Invoke.Domain.Models.Rules;

namespace Invoke.Domain.UnitTests.Models;

public sealed class ModelsDirectoryTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly ModelsDirectory _directory;

    public ModelsDirectoryTests()
    {
        _directory = new ModelsDirectory(_temp.Models);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void CheckRemoval_OfAnEntryInside_IsAllowed()
    {
        _temp.WriteFile(Path.Combine(_temp.Models, "orphan", "model.safetensors"));

        var removal = _directory.CheckRemoval("orphan");

        removal.IsAllowed.Should().BeTrue();
        removal.FullPath.Should().Be(Path.Combine(_temp.Models, "orphan"));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("orphan/../../outside")]
    [InlineData("..")]
    public void CheckRemoval_ThroughDotDotOutOfTheDirectory_BreaksTheInsideRule(string requested)
    {
        _temp.WriteFile(Path.Combine(_temp.Models, "orphan", "model.safetensors"));

        var removal = _directory.CheckRemoval(requested);

        removal.BrokenRule.Should().BeOfType<RemovedPathMustBeInsideModelsDirectoryRule>()
            .Which.Message.Should().Be("path is not under models directory");
        removal.FullPath.Should().BeNull();
    }

    [Theory]
    [InlineData("databases")]
    [InlineData("databases/invoke.db")]
    [InlineData("workflow_thumbnails")]
    [InlineData("workflow_thumbnails/x.webp")]
    [InlineData("invokeai.yaml")]
    public void CheckRemoval_WhenTheModelsDirectoryIsTheRoot_NeverRemovesTheServersOwnData(string requested)
    {
        var root = _temp.Path;
        _temp.WriteFile(Path.Combine(root, "databases", "invoke.db"));
        _temp.WriteFile(Path.Combine(root, "workflow_thumbnails", "x.webp"));
        _temp.WriteFile(Path.Combine(root, "invokeai.yaml"));
        var directory = new ModelsDirectory(
            root,
            [Path.Combine(root, "databases"), Path.Combine(root, "workflow_thumbnails"), Path.Combine(root, "invokeai.yaml")]);

        directory.CheckRemoval(requested).BrokenRule.Should().BeOfType<ServerDataCannotBeRemovedRule>();
        directory.CheckRemoval(".").BrokenRule.Should().BeOfType<ModelsDirectoryItselfCannotBeRemovedRule>();
        directory.CheckRemoval("models").IsAllowed.Should().BeTrue();
    }

    [Fact]
    public void CheckRemoval_OfAFolderHoldingTheServersData_IsRefused()
    {
        _temp.WriteFile(Path.Combine(_temp.Models, "inner", "databases", "invoke.db"));
        var directory = new ModelsDirectory(_temp.Models, [Path.Combine(_temp.Models, "inner", "databases")]);

        directory.CheckRemoval("inner").BrokenRule.Should().BeOfType<ServerDataCannotBeRemovedRule>();
    }

    [Fact]
    public void CheckRemoval_ThroughAMissingComponentAndDotDotIntoALink_BreaksTheInsideRule()
    {
        _temp.WriteFile(Path.Combine(_temp.Outside, "file"));
        Directory.CreateSymbolicLink(Path.Combine(_temp.Models, "external"), _temp.Outside);

        _directory.CheckRemoval("missing/../external/file").BrokenRule.Should().BeOfType<RemovedPathMustBeInsideModelsDirectoryRule>();
        _directory.CheckRemoval("missing/../external").BrokenRule.Should().BeOfType<RemovedPathMustBeInsideModelsDirectoryRule>();
    }

    [Fact]
    public void CheckRemoval_OfAnAbsolutePathElsewhere_BreaksTheInsideRule()
    {
        var removal = _directory.CheckRemoval(_temp.Outside);

        removal.BrokenRule.Should().BeOfType<RemovedPathMustBeInsideModelsDirectoryRule>();
    }

    [Fact]
    public void CheckRemoval_OfAnAbsolutePathInside_IsAllowed()
    {
        var inside = _temp.WriteFile(Path.Combine(_temp.Models, "loose.safetensors"));

        _directory.CheckRemoval(inside).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public void CheckRemoval_OfASymbolicLinkLeadingOut_BreaksTheInsideRule()
    {
        Directory.CreateSymbolicLink(Path.Combine(_temp.Models, "escape"), _temp.Outside);

        _directory.CheckRemoval("escape").BrokenRule.Should().BeOfType<RemovedPathMustBeInsideModelsDirectoryRule>();
        _directory.CheckRemoval("escape/secret.safetensors").BrokenRule.Should().BeOfType<RemovedPathMustBeInsideModelsDirectoryRule>();
    }

    [Fact]
    public void CheckRemoval_ResolvesDotDotAfterALinkFromTheLinksTarget_AsTheOperatingSystemDoes()
    {
        // models/deep -> outside/a/b; "deep/../x" is outside/a/x on disk, though it reads like models/x.
        var target = Path.Combine(_temp.Outside, "a", "b");
        Directory.CreateDirectory(target);
        _temp.WriteFile(Path.Combine(_temp.Outside, "a", "x", "model.safetensors"));
        _temp.WriteFile(Path.Combine(_temp.Models, "x", "model.safetensors"));
        Directory.CreateSymbolicLink(Path.Combine(_temp.Models, "deep"), target);

        _directory.CheckRemoval("deep/../x").BrokenRule.Should().BeOfType<RemovedPathMustBeInsideModelsDirectoryRule>();
    }

    [Fact]
    public void CheckRemoval_OfALinkToAnotherEntryInside_RemovesTheTarget()
    {
        _temp.WriteFile(Path.Combine(_temp.Models, "real", "model.safetensors"));
        Directory.CreateSymbolicLink(Path.Combine(_temp.Models, "alias"), Path.Combine(_temp.Models, "real"));

        var removal = _directory.CheckRemoval("alias");

        removal.FullPath.Should().Be(Path.Combine(_temp.Models, "real"));
    }

    [Fact]
    public void CheckRemoval_OfALinkLoop_IsRefusedAsNotInside()
    {
        File.CreateSymbolicLink(Path.Combine(_temp.Models, "loop"), Path.Combine(_temp.Models, "loop"));

        _directory.CheckRemoval("loop").BrokenRule.Should().BeOfType<RemovedPathMustBeInsideModelsDirectoryRule>();
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("orphan/..")]
    public void CheckRemoval_OfTheDirectoryItself_IsRefused(string requested)
    {
        Directory.CreateDirectory(Path.Combine(_temp.Models, "orphan"));
        _directory.CheckRemoval(requested).BrokenRule.Should().BeOfType<ModelsDirectoryItselfCannotBeRemovedRule>()
            .Which.Message.Should().Be("cannot delete the models directory");
    }

    [Fact]
    public void CheckRemoval_UnderTheConversionScratchArea_IsReserved()
    {
        _temp.WriteFile(Path.Combine(_temp.Models, ".convert_tmp", "job", "model.safetensors"));

        _directory.CheckRemoval(".convert_tmp/job").BrokenRule.Should().BeOfType<ConversionScratchAreaIsReservedRule>()
            .Which.Message.Should().Be("path is reserved for active conversion");
    }

    [Fact]
    public void CheckRemoval_OfAPathThatDoesNotExist_IsRefused()
    {
        _directory.CheckRemoval("gone").BrokenRule.Should().BeOfType<RemovedPathMustExistRule>()
            .Which.Message.Should().Be("path does not exist");
    }

    [Fact]
    public void CheckRemoval_OfAPathWithANullCharacter_IsRefusedAsNotInside()
    {
        _directory.CheckRemoval("a\0b").BrokenRule.Should().BeOfType<RemovedPathMustBeInsideModelsDirectoryRule>();
    }

    [Fact]
    public void RecordedPath_IsRelativeInsideAndAbsoluteOutside()
    {
        _directory.RecordedPathOf(Path.Combine(_directory.Root, "sdxl", "a.safetensors")).Should().Be("sdxl/a.safetensors");
        _directory.RecordedPathOf(Path.Combine(_temp.Outside, "b.safetensors")).Should().Be(Path.Combine(_temp.Outside, "b.safetensors"));
    }

    [Fact]
    public void Contains_DoesNotMistakeASiblingWithTheSamePrefixForTheDirectory()
    {
        _directory.Contains(_temp.Models + "-old").Should().BeFalse();
        _directory.Contains(Path.Combine(_temp.Models, "a")).Should().BeTrue();
    }

    [Fact]
    public void Root_IsTheRealPath_WhenTheDirectoryIsReachedThroughALink()
    {
        var link = Path.Combine(_temp.Path, "models-link");
        Directory.CreateSymbolicLink(link, _temp.Models);

        new ModelsDirectory(link).Root.Should().Be(_temp.Models);
    }
}
