using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Models;
using Invoke.Domain.Models;
using Invoke.Domain.Rules;

namespace Invoke.Application.FunctionalTests.Models;

/// <summary>Update, delete and bulk delete.</summary>
public abstract class ChangeModelsTests(TestDatabase database) : ModelTest(database)
{
    [Fact]
    public async Task Update_ChangesTheConfigAndTheColumnsListsFilterOn()
    {
        var key = await InstallKeyAsync(WriteFile(InModels("a.safetensors")));
        var settings = new Dictionary<string, JsonElement> { ["trigger_phrases"] = JsonSerializer.SerializeToElement(new[] { "neon" }) };

        var updated = Parse(await SendAsync(new UpdateModelCommand(
            key, new ModelChanges(Name: "Renamed", Description: new FieldChange<string?>("Nice"), Base: "sdxl", Type: "main", Format: "checkpoint", Settings: settings))));

        updated.GetProperty("name").GetString().Should().Be("Renamed");
        updated.GetProperty("description").GetString().Should().Be("Nice");
        updated.GetProperty("trigger_phrases")[0].GetString().Should().Be("neon");
        Names(await SendAsync(new ListModelsQuery(Bases: ["sdxl"], Type: "main"))).Should().Equal("Renamed");
        Parse(await SendAsync(new GetModelQuery(key))).GetProperty("name").GetString().Should().Be("Renamed");
    }

    [Fact]
    public async Task Update_WithAnUnknownFormatOrAVariantOfNoClass_IsA422_AndAVariantOfAnotherClassIsRefused()
    {
        var key = await InstallKeyAsync(WriteFile(InModels("a.safetensors")), new ModelChanges(Type: "main", Format: "checkpoint", Base: "sdxl"));
        var bogus = new Dictionary<string, JsonElement> { ["variant"] = JsonSerializer.SerializeToElement("huge") };
        var ofFlux = new Dictionary<string, JsonElement> { ["variant"] = JsonSerializer.SerializeToElement("schnell") };

        var unknownFormat = () => SendAsync(new UpdateModelCommand(key, new ModelChanges(Format: "zip")));
        var unknownVariant = () => SendAsync(new UpdateModelCommand(key, new ModelChanges(Settings: bogus)));
        var fluxVariant = () => SendAsync(new UpdateModelCommand(key, new ModelChanges(Settings: ofFlux)));

        (await unknownFormat.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Single().Loc.Should().Equal("body", "format");
        (await unknownVariant.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Single().Type.Should().Be("enum");
        (await fluxVariant.Should().ThrowAsync<BusinessRuleViolationException>()).Which.Message.Should().Be("The model's variant must be 'normal', 'inpaint' or 'depth'");
        Parse(await SendAsync(new GetModelQuery(key))).GetProperty("variant").GetString().Should().Be("normal");
    }

    [Fact]
    public async Task Update_OfAnUnknownKey_Is404()
    {
        var act = () => SendAsync(new UpdateModelCommand("nope", new ModelChanges(Name: "x")));

        (await act.Should().ThrowAsync<NotFoundException>()).Which.Detail.Should().Be("model not found");
    }

    [Fact]
    public async Task Update_WithAnEmptyName_FailsValidation()
    {
        var key = await InstallKeyAsync(WriteFile(InModels("a.safetensors")));

        var act = () => SendAsync(new UpdateModelCommand(key, new ModelChanges(Name: "  ")));

        (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Single().Loc.Should().Equal("body", "name");
    }

    [Fact]
    public async Task Delete_UnregistersTheModel_AndRemovesItsFilesInsideTheModelsDirectory()
    {
        var file = WriteFile(InModels("sdxl", "a.safetensors"));
        var folder = WriteDiffusers(InModels("pipeline"));
        var fileKey = await InstallKeyAsync(file);
        var folderKey = await InstallKeyAsync(folder);

        await SendAsync(new DeleteModelCommand(fileKey));
        await SendAsync(new DeleteModelCommand(folderKey));

        File.Exists(file).Should().BeFalse();
        Directory.Exists(folder).Should().BeFalse();
        Directory.Exists(InModels("sdxl")).Should().BeTrue("only the model's own file goes");
        (await SendAsync(new ListModelsQuery())).Models.Should().BeEmpty();
    }

    [Fact]
    public async Task Delete_OfAModelInstalledOutside_LeavesItsFilesAlone()
    {
        var file = WriteFile(Path.Combine(OutsidePath, "mine.safetensors"));
        var key = await InstallKeyAsync(file);

        await SendAsync(new DeleteModelCommand(key));

        File.Exists(file).Should().BeTrue();
        var again = () => SendAsync(new GetModelQuery(key));
        await again.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Delete_OfAnUnknownKey_Is404()
    {
        var act = () => SendAsync(new DeleteModelCommand("nope"));

        (await act.Should().ThrowAsync<NotFoundException>()).Which.Detail.Should().Be("model not found");
    }

    [Fact]
    public async Task BulkDelete_DeletesWhatItCan_AndReportsEachFailure()
    {
        var first = await InstallKeyAsync(WriteFile(InModels("a.safetensors"), "a"));
        var second = await InstallKeyAsync(WriteFile(InModels("b.safetensors"), "b"));

        var result = await SendAsync(new BulkDeleteModelsCommand([first, "missing-key", second]));

        result.Deleted.Should().Equal(first, second);
        result.Failed.Should().Equal(new BulkDeleteFailureDto("missing-key", "model not found"));
        (await SendAsync(new ListModelsQuery())).Models.Should().BeEmpty();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChangeModelsTestsOnSqlite(SqliteTestDatabase database) : ChangeModelsTests(database);

[Collection(PostgresCollection.Name)]
public sealed class ChangeModelsTestsOnPostgres(PostgresTestDatabase database) : ChangeModelsTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class ChangeModelsTestsOnSqlServer(SqlServerTestDatabase database) : ChangeModelsTests(database);
