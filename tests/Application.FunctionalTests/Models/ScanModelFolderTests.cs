using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Models;
using Invoke.Domain.Models;
using Invoke.Infrastructure.Models;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Scan_OfAFolderWithMoreEntriesThanTheBound_IsABadRequestSayingSo()
    {
        var limits = new ModelScanLimits(MaxEntries: 10, MaxDepth: 32);
        for (var i = 0; i < 11; i++)
        {
            WriteFile(Path.Combine(OutsidePath, "many", $"m{i:D2}.safetensors"));
        }

        var act = () => ScanAsync(Path.Combine(OutsidePath, "many"), limits, CancellationToken.None);

        await act.ShouldFailWithAsync<BadRequestException>(ScanModelFolderHandler.TooLarge(Path.Combine(OutsidePath, "many"), limits));
    }

    [Fact]
    public async Task Scan_OfAFolderWithExactlyTheBoundOfEntries_ListsThemAll()
    {
        for (var i = 0; i < 10; i++)
        {
            WriteFile(Path.Combine(OutsidePath, "many", $"m{i:D2}.safetensors"));
        }

        var found = await ScanAsync(Path.Combine(OutsidePath, "many"), new ModelScanLimits(MaxEntries: 10, MaxDepth: 32), CancellationToken.None);

        found.Should().HaveCount(10);
    }

    [Fact]
    public async Task Scan_OfFoldersNestedDeeperThanTheBound_IsABadRequest()
    {
        WriteFile(Path.Combine(OutsidePath, "deep", "1", "2", "3", "4", "model.safetensors"));
        var limits = new ModelScanLimits(MaxEntries: 1_000, MaxDepth: 3);

        var tooDeep = () => ScanAsync(Path.Combine(OutsidePath, "deep"), limits, CancellationToken.None);
        var deepEnough = await ScanAsync(Path.Combine(OutsidePath, "deep", "1"), limits, CancellationToken.None);

        await tooDeep.ShouldFailWithAsync<BadRequestException>(ScanModelFolderHandler.TooLarge(Path.Combine(OutsidePath, "deep"), limits));
        deepEnough.Should().ContainSingle();
    }

    [Fact]
    public async Task Scan_WhenTheRequestIsCancelled_StopsTheWalk()
    {
        WriteFile(Path.Combine(OutsidePath, "loras", "a.safetensors"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => ScanAsync(OutsidePath, ModelScanLimits.Default, cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Walk_WithACancelledToken_LooksAtNoEntry()
    {
        WriteFile(Path.Combine(OutsidePath, "loras", "a.safetensors"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var act = () => new ModelFileSystem().FindModels(OutsidePath, ModelScanLimits.Default, cancelled.Token);

        act.Should().Throw<OperationCanceledException>();
    }

    /// <summary>The handler with other bounds than the server's (a folder of 100,000 entries is too slow for a test).</summary>
    private Task<IReadOnlyList<FoundModelDto>> ScanAsync(string path, ModelScanLimits limits, CancellationToken cancellationToken) =>
        InScopeAsync(async s => await ActivatorUtilities.CreateInstance<ScanModelFolderHandler>(s, limits)
            .Handle(new ScanModelFolderQuery(path), cancellationToken));
}

[Collection(SqliteCollection.Name)]
public sealed class ScanModelFolderTestsOnSqlite(SqliteTestDatabase database) : ScanModelFolderTests(database);

[Collection(PostgresCollection.Name)]
public sealed class ScanModelFolderTestsOnPostgres(PostgresTestDatabase database) : ScanModelFolderTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class ScanModelFolderTestsOnSqlServer(SqlServerTestDatabase database) : ScanModelFolderTests(database);
