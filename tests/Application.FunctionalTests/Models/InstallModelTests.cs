using System.Text;
using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Models;
using Invoke.Domain.Models;
using Invoke.Domain.Rules;

namespace Invoke.Application.FunctionalTests.Models;

public abstract class InstallModelTests(TestDatabase database) : ModelTest(database)
{
    /// <summary>BLAKE3 of no bytes, the reference implementation's first test vector.</summary>
    private const string Blake3OfNothing = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";

    [Fact]
    public async Task Install_OfAWeightsFileInside_RegistersInvokeAisUnknownConfigInPlaceWithARelativePath()
    {
        var file = WriteFile(InModels("sdxl", "juggernaut.safetensors"), string.Empty);

        var job = await SendAsync(new InstallModelCommand(file, ModelChanges.None));

        job.Status.Should().Be("completed");
        job.Inplace.Should().BeTrue();
        job.Source.Should().Be(new LocalModelSourceDto(file, true, "local"));
        job.LocalPath.Should().Be(file);
        var config = Parse(job.ConfigOut!.Value);
        config.GetProperty("path").GetString().Should().Be("sdxl/juggernaut.safetensors");
        config.GetProperty("name").GetString().Should().Be("juggernaut");
        (config.GetProperty("type").GetString(), config.GetProperty("format").GetString(), config.GetProperty("base").GetString())
            .Should().Be(("unknown", "unknown", "unknown"), "only the tensors would tell what a weights file is");
        config.GetProperty("hash").GetString().Should().Be("blake3:" + Blake3OfNothing);
        config.GetProperty("source").GetString().Should().Be(file);
        File.Exists(file).Should().BeTrue("installing in place moves nothing");
    }

    [Fact]
    public async Task Install_OfADiffusersFolder_RegistersAMainModel_HashedAsInvokeAiHashesFolders()
    {
        var folder = WriteDiffusers(InModels("juggernaut-xl"));

        var config = await InstallAsync(folder);

        config.GetProperty("format").GetString().Should().Be("diffusers");
        config.GetProperty("type").GetString().Should().Be("main");
        config.GetProperty("base").GetString().Should().Be("sdxl");
        config.GetProperty("path").GetString().Should().Be("juggernaut-xl");
        config.GetProperty("file_size").GetInt64().Should().Be(
            Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));

        // BLAKE3 over the hex digests of the weights files, in path order (unet before vae); configs are not hashed.
        using var composite = Blake3.Hasher.New();
        composite.Update(Encoding.UTF8.GetBytes(Blake3.Hasher.Hash("unet weights"u8).ToString()));
        composite.Update(Encoding.UTF8.GetBytes(Blake3.Hasher.Hash("vae weights"u8).ToString()));
        config.GetProperty("hash").GetString().Should().Be("blake3:" + composite.Finalize());
    }

    [Fact]
    public async Task Install_OfAFileOutsideTheModelsDirectory_KeepsItsAbsolutePath()
    {
        var file = WriteFile(Path.Combine(OutsidePath, "lora.safetensors"));

        var config = await InstallAsync(file);

        config.GetProperty("path").GetString().Should().Be(file);
    }

    [Fact]
    public async Task Install_OfARelativeSource_IsResolvedAgainstTheModelsDirectory()
    {
        WriteFile(InModels("any", "model.ckpt"));

        var config = await InstallAsync("any/model.ckpt");

        config.GetProperty("path").GetString().Should().Be("any/model.ckpt");
        config.GetProperty("source").GetString().Should().Be("any/model.ckpt");
    }

    [Fact]
    public async Task Install_AppliesTheConfigOverrides_AndEchoesThemAsConfigIn()
    {
        var file = WriteFile(InModels("model.safetensors"));

        var job = await SendAsync(new InstallModelCommand(file, new ModelChanges(Name: "My SDXL", Base: "sdxl", Type: "main", Format: "checkpoint")));

        var config = Parse(job.ConfigOut!.Value);
        config.GetProperty("name").GetString().Should().Be("My SDXL");
        config.GetProperty("base").GetString().Should().Be("sdxl");
        config.GetProperty("type").GetString().Should().Be("main");
        config.GetProperty("prediction_type").GetString().Should().Be("epsilon");
        job.ConfigIn.Json.Should().Be("""{"name":"My SDXL","base":"sdxl","type":"main","format":"checkpoint"}""");
    }

    [Fact]
    public async Task Install_OfAPathThatDoesNotExist_IsAnUnsupportedSourceConflict_AsInInvokeAi()
    {
        var act = () => SendAsync(new InstallModelCommand("/nonexistent/model.safetensors", ModelChanges.None));

        (await act.Should().ThrowAsync<ConflictException>())
            .Which.Detail.Should().Be("Unsupported model source: '/nonexistent/model.safetensors'");
    }

    [Fact]
    public async Task Install_WithOverridesNamingAClassInvokeAiDoesNotHave_IsRefused_AndRegistersNothing()
    {
        var file = WriteFile(InModels("model.safetensors"));

        var act = () => SendAsync(new InstallModelCommand(file, new ModelChanges(Type: "lora", Format: "checkpoint", Base: "sd-1")));

        await act.Should().ThrowAsync<BusinessRuleViolationException>();
        (await SendAsync(new ListModelsQuery())).Models.Should().BeEmpty();
    }

    [Fact]
    public async Task Install_WithAnUnknownBaseOrType_IsA422_OnTheBodyField()
    {
        var file = WriteFile(InModels("model.safetensors"));

        var act = () => SendAsync(new InstallModelCommand(file, new ModelChanges(Type: "mainn", Base: "sd-9")));

        var errors = (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors;
        errors.Select(e => (e.Type, string.Join('.', e.Loc))).Should().Equal(("enum", "body.base"), ("enum", "body.type"));
        errors[0].Msg.Should().StartWith("Input should be 'any', 'sd-1', 'sd-2'");
    }

    [Fact]
    public async Task Install_OfAPathAlreadyRegistered_IsAConflict_EvenThroughASymbolicLink()
    {
        var file = WriteFile(InModels("model.safetensors"));
        await InstallAsync(file);
        var link = Path.Combine(OutsidePath, "link.safetensors");
        File.CreateSymbolicLink(link, file);

        var again = () => SendAsync(new InstallModelCommand(file, ModelChanges.None));
        var viaLink = () => SendAsync(new InstallModelCommand(link, ModelChanges.None));

        (await again.Should().ThrowAsync<ConflictException>()).Which.Detail.Should().Be("A model with path 'model.safetensors' is already installed");
        await viaLink.Should().ThrowAsync<ConflictException>();
    }

    [Fact]
    public async Task Install_OfAFolderWithoutAModelIndex_OrAFileThatIsNotWeights_IsUnsupported()
    {
        Directory.CreateDirectory(InModels("just-a-folder"));
        var text = WriteFile(InModels("notes.txt"));

        var folder = () => SendAsync(new InstallModelCommand(InModels("just-a-folder"), ModelChanges.None));
        var file = () => SendAsync(new InstallModelCommand(text, ModelChanges.None));

        (await folder.Should().ThrowAsync<UnsupportedMediaTypeException>()).Which.Detail.Should().Be("Unrecognized file/folder format");
        await file.Should().ThrowAsync<UnsupportedMediaTypeException>();
    }

    [Fact]
    public async Task Install_WithABaseOutsideInvokeAisEnum_FailsValidationAtItsLocation()
    {
        var act = () => SendAsync(new InstallModelCommand(WriteFile(InModels("m.safetensors")), new ModelChanges(Base: "Not A Base")));

        var error = (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Should().ContainSingle().Subject;
        error.Loc.Should().Equal("body", "base");
        error.Type.Should().Be("enum");
    }

    [Fact]
    public async Task InstallJobs_AreListedAndFoundById()
    {
        var job = await SendAsync(new InstallModelCommand(WriteFile(InModels("m.safetensors")), ModelChanges.None));

        (await SendAsync(new ListModelInstallJobsQuery())).Should().ContainEquivalentOf(job);
        (await SendAsync(new GetModelInstallJobQuery(job.Id))).Should().BeEquivalentTo(job);
        var unknown = () => SendAsync(new GetModelInstallJobQuery(-1));
        (await unknown.Should().ThrowAsync<NotFoundException>()).Which.Detail.Should().Be("No job with id -1 known");
    }

    [Fact]
    public async Task Prune_ForgetsFinishedJobs_ButNotTheModels()
    {
        var key = await InstallKeyAsync(WriteFile(InModels("m.safetensors")));

        await SendAsync(new PruneModelInstallJobsCommand());

        (await SendAsync(new ListModelInstallJobsQuery())).Should().BeEmpty();
        Parse(await SendAsync(new GetModelQuery(key))).GetProperty("key").GetString().Should().Be(key);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InstallModelTestsOnSqlite(SqliteTestDatabase database) : InstallModelTests(database);

[Collection(PostgresCollection.Name)]
public sealed class InstallModelTestsOnPostgres(PostgresTestDatabase database) : InstallModelTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class InstallModelTestsOnSqlServer(SqlServerTestDatabase database) : InstallModelTests(database);
