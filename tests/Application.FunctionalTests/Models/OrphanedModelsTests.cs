using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Models;

namespace Invoke.Application.FunctionalTests.Models;

/// <summary>"Sync models" on a real models directory: what is an orphan, and what deleting one may touch.</summary>
public abstract class OrphanedModelsTests(TestDatabase database) : ModelTest(database)
{
    [Fact]
    public async Task Detection_SkipsRegisteredModels_AndFindsLooseWeights()
    {
        await InstallAsync(WriteFile(InModels("sdxl", "main", "registered.safetensors"), "registered"));
        WriteFile(InModels("sdxl", "lora", "covered-by-the-registered-entry.safetensors"));
        await InstallAsync(WriteDiffusers(InModels("pipeline")));
        WriteFile(InModels("loose.safetensors"), "12345");
        WriteFile(InModels("old-download", "model.ckpt"), "123");
        WriteFile(InModels("old-download", "nested", "MODEL.SAFETENSORS"), "1234567");
        WriteFile(InModels("old-download", "config.json"), "{}");

        var orphans = await SendAsync(new ListOrphanedModelsQuery());

        orphans.Should().BeEquivalentTo(
            [
                new OrphanedModelInfoDto("loose.safetensors", InModels("loose.safetensors"), ["loose.safetensors"], 5),
                new OrphanedModelInfoDto("old-download", InModels("old-download"), ["model.ckpt", "nested/MODEL.SAFETENSORS"], 10),
            ],
            options => options.WithStrictOrdering());
    }

    [Fact]
    public async Task Detection_SkipsCacheScratchAndVcsFolders_Anywhere()
    {
        WriteFile(InModels(".download_cache", "partial.safetensors"));
        WriteFile(InModels(".convert_cache", "x.safetensors"));
        WriteFile(InModels(".convert_tmp", "job", "x.safetensors"));
        WriteFile(InModels("repo", ".git", "lfs", "objects", "blob.bin"));
        WriteFile(InModels("tool", "__pycache__", "cached.pt"));

        (await SendAsync(new ListOrphanedModelsQuery())).Should().BeEmpty();
    }

    [Fact]
    public async Task Detection_DoesNotFollowSymbolicLinks_OutOfTheModelsDirectory()
    {
        WriteFile(Path.Combine(OutsidePath, "elsewhere", "model.safetensors"));
        Directory.CreateSymbolicLink(InModels("linked"), Path.Combine(OutsidePath, "elsewhere"));

        (await SendAsync(new ListOrphanedModelsQuery())).Should().BeEmpty();
    }

    [Fact]
    public async Task Delete_RemovesOrphanFoldersAndLooseFiles()
    {
        WriteFile(InModels("old-download", "model.ckpt"));
        WriteFile(InModels("loose.safetensors"));

        var result = await SendAsync(new DeleteOrphanedModelsCommand(["old-download", "loose.safetensors"]));

        result.Deleted.Should().Equal("old-download", "loose.safetensors");
        result.Errors.Should().BeEmpty();
        Directory.Exists(InModels("old-download")).Should().BeFalse();
        File.Exists(InModels("loose.safetensors")).Should().BeFalse();
        (await SendAsync(new ListOrphanedModelsQuery())).Should().BeEmpty();
    }

    [Fact]
    public async Task Delete_RefusesEveryPathLeadingOut_AndTouchesNothingOutside()
    {
        var secret = WriteFile(Path.Combine(OutsidePath, "secret.safetensors"));
        Directory.CreateSymbolicLink(InModels("escape"), OutsidePath);
        File.CreateSymbolicLink(InModels("escape-file.safetensors"), secret);

        var result = await SendAsync(new DeleteOrphanedModelsCommand(
            ["../outside", "../outside/secret.safetensors", OutsidePath, secret, "escape", "escape/secret.safetensors", "escape-file.safetensors", "/"]));

        result.Deleted.Should().BeEmpty();
        result.Errors.Should().HaveCount(8).And.OnlyContain(error => error.Value == "error: path is not under models directory");
        File.Exists(secret).Should().BeTrue();
        Directory.Exists(OutsidePath).Should().BeTrue();
    }

    [Theory]
    [InlineData("missing/../escape/secret.safetensors")]
    [InlineData("missing/../escape")]
    [InlineData("missing/../../outside/secret.safetensors")]
    [InlineData("orphan/missing/../../escape")]
    public async Task Delete_ThroughAMissingComponentThenDotDotThenALink_TouchesNothingOutside(string requested)
    {
        var secret = WriteFile(Path.Combine(OutsidePath, "secret.safetensors"));
        WriteFile(InModels("orphan", "model.safetensors"));
        Directory.CreateSymbolicLink(InModels("escape"), OutsidePath);

        var result = await SendAsync(new DeleteOrphanedModelsCommand([requested]));

        result.Deleted.Should().BeEmpty();
        result.Errors.Should().ContainKey(requested);
        File.Exists(secret).Should().BeTrue();
        Directory.Exists(InModels("orphan")).Should().BeTrue();
    }

    [Fact]
    public async Task Delete_OfAFolderHoldingALinkToOutside_RemovesTheLinkButNotItsTarget()
    {
        var secret = WriteFile(Path.Combine(OutsidePath, "keep", "secret.safetensors"));
        WriteFile(InModels("orphan", "model.safetensors"));
        Directory.CreateSymbolicLink(InModels("orphan", "link"), Path.Combine(OutsidePath, "keep"));

        var result = await SendAsync(new DeleteOrphanedModelsCommand(["orphan"]));

        result.Deleted.Should().Equal("orphan");
        Directory.Exists(InModels("orphan")).Should().BeFalse();
        File.Exists(secret).Should().BeTrue();
    }

    [Fact]
    public async Task Delete_ReportsEachRefusalWithItsMessage_AndGoesOnWithTheOthers()
    {
        WriteFile(InModels("good", "model.safetensors"));
        WriteFile(InModels(".convert_tmp", "job", "model.safetensors"));

        var result = await SendAsync(new DeleteOrphanedModelsCommand(["gone", "", ".convert_tmp/job", "good", "../outside"]));

        result.Deleted.Should().Equal("good");
        result.Errors.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["gone"] = "error: path does not exist",
            [""] = "error: cannot delete the models directory",
            [".convert_tmp/job"] = "error: path is reserved for active conversion",
            ["../outside"] = "error: path is not under models directory",
        });
        Directory.Exists(InModels(".convert_tmp", "job")).Should().BeTrue();
        Directory.Exists(ModelsPath).Should().BeTrue();
    }

    [Fact]
    public async Task Delete_DoesNotRecheckOrphanhood_AsInvokeAi()
    {
        var key = await InstallKeyAsync(WriteDiffusers(InModels("registered")));

        var result = await SendAsync(new DeleteOrphanedModelsCommand(["registered"]));

        result.Deleted.Should().Equal("registered");
        (await SendAsync(new ListMissingModelsQuery())).Models.Select(m => Parse(m).GetProperty("key").GetString()).Should().Equal(key);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OrphanedModelsTestsOnSqlite(SqliteTestDatabase database) : OrphanedModelsTests(database);

[Collection(PostgresCollection.Name)]
public sealed class OrphanedModelsTestsOnPostgres(PostgresTestDatabase database) : OrphanedModelsTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class OrphanedModelsTestsOnSqlServer(SqlServerTestDatabase database) : OrphanedModelsTests(database);
