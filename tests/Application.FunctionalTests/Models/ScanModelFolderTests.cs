using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Models;

namespace Invoke.Application.FunctionalTests.Models;

public abstract class ScanModelFolderTests(TestDatabase database) : ModelTest(database)
{
    [Fact]
    public async Task Scan_FindsWeightsFilesAndDiffusersFolders_MarkingTheInstalledOnes()
    {
        var installed = WriteFile(Path.Combine(OutsidePath, "loras", "installed.safetensors"), "i");
        var other = WriteFile(Path.Combine(OutsidePath, "loras", "other.ckpt"), "o");
        var pipeline = WriteDiffusers(Path.Combine(OutsidePath, "pipeline"));
        WriteFile(Path.Combine(OutsidePath, "readme.txt"));
        await InstallAsync(installed);

        var found = await SendAsync(new ScanModelFolderQuery(OutsidePath));

        found.Should().BeEquivalentTo(
            [new FoundModelDto(installed, true), new FoundModelDto(other, false), new FoundModelDto(pipeline, false)]);
    }

    [Fact]
    public async Task Scan_OfTheModelsDirectory_LeavesOutCoreModels()
    {
        WriteFile(InModels("core", "face", "detector.onnx"));
        var mine = WriteFile(InModels("mine.safetensors"));

        var found = await SendAsync(new ScanModelFolderQuery(ModelsPath));

        found.Should().Equal(new FoundModelDto(mine, false));
    }

    [Fact]
    public async Task Scan_OfAMissingPathOrAFile_GivesTheSameAnswer_SoItRevealsNothing()
    {
        var file = WriteFile(Path.Combine(OutsidePath, "file.safetensors"));
        var missing = Path.Combine(OutsidePath, "nonexistent_xyz");

        var onMissing = () => SendAsync(new ScanModelFolderQuery(missing));
        var onFile = () => SendAsync(new ScanModelFolderQuery(file));
        var onNothing = () => SendAsync(new ScanModelFolderQuery(null));

        (await onMissing.Should().ThrowAsync<BadRequestException>()).Which.Detail.Should().Be($"The search path '{missing}' could not be scanned");
        (await onFile.Should().ThrowAsync<BadRequestException>()).Which.Detail.Should().Be($"The search path '{file}' could not be scanned");
        (await onNothing.Should().ThrowAsync<BadRequestException>()).Which.Detail.Should().Be("The search path 'None' could not be scanned");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ScanModelFolderTestsOnSqlite(SqliteTestDatabase database) : ScanModelFolderTests(database);

[Collection(PostgresCollection.Name)]
public sealed class ScanModelFolderTestsOnPostgres(PostgresTestDatabase database) : ScanModelFolderTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class ScanModelFolderTestsOnSqlServer(SqlServerTestDatabase database) : ScanModelFolderTests(database);
