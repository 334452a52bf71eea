using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Models;
using Invoke.Domain.Models;
using Invoke.Domain.Models.Specifications;
using Invoke.Domain.Workflows.Specifications;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Models;

/// <summary>The reading side every user has: list with filters and order, by key, by attributes, by hash, missing.</summary>
public abstract class ReadModelsTests(TestDatabase database) : ModelTest(database)
{
    [Fact]
    public async Task List_WithNoFilter_IsOrderedByName()
    {
        await SeedAsync();

        var list = await SendAsync(new ListModelsQuery());

        Names(list).Should().Equal("Alpha", "Beta", "Delta", "Gamma");
    }

    [Fact]
    public async Task List_ByBaseModels_GivesEachBaseInTurn_InTheOrderAsked()
    {
        await SeedAsync();

        var list = await SendAsync(new ListModelsQuery(Bases: ["sdxl", "sd-1"]));

        Names(list).Should().Equal("Beta", "Gamma", "Alpha", "Delta");
    }

    [Fact]
    public async Task List_ByTypeNameAndFormat_MatchesExactly()
    {
        await SeedAsync();

        Names(await SendAsync(new ListModelsQuery(Type: "lora"))).Should().Equal("Delta");
        Names(await SendAsync(new ListModelsQuery(Name: "Gamma"))).Should().Equal("Gamma");
        Names(await SendAsync(new ListModelsQuery(Name: "gamma"))).Should().BeEmpty();
        Names(await SendAsync(new ListModelsQuery(Format: "diffusers"))).Should().Equal("Gamma");
        Names(await SendAsync(new ListModelsQuery(Bases: ["sdxl"], Type: "main", Format: "checkpoint"))).Should().Equal("Beta");
    }

    [Fact]
    public async Task List_OrderedByDefaultDescending_SortsByTypeBaseNameFormat()
    {
        await SeedAsync();

        var list = await SendAsync(new ListModelsQuery(OrderBy: ModelOrderBy.Default, Direction: SortDirection.Descending));

        Names(list).Should().Equal("Gamma", "Beta", "Alpha", "Delta");
    }

    [Fact]
    public async Task List_OrderedBySizeCreatedUpdatedOrPath_SortsOnThoseColumns()
    {
        var big = await InstallKeyAsync(WriteFile(InModels("c", "big.safetensors"), "3333"), new ModelChanges(Name: "Big"));
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        await InstallKeyAsync(WriteFile(InModels("a", "small.safetensors"), "1"), new ModelChanges(Name: "Small"));
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        await InstallKeyAsync(WriteFile(InModels("b", "middle.safetensors"), "22"), new ModelChanges(Name: "Middle"));
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(new UpdateModelCommand(big, new ModelChanges(Description: new FieldChange<string?>("touched last"))));

        Names(await SendAsync(new ListModelsQuery(OrderBy: ModelOrderBy.Size))).Should().Equal("Small", "Middle", "Big");
        Names(await SendAsync(new ListModelsQuery(OrderBy: ModelOrderBy.CreatedAt, Direction: SortDirection.Descending))).Should().Equal("Middle", "Small", "Big");
        Names(await SendAsync(new ListModelsQuery(OrderBy: ModelOrderBy.UpdatedAt))).Should().Equal("Small", "Middle", "Big");
        Names(await SendAsync(new ListModelsQuery(OrderBy: ModelOrderBy.Path))).Should().Equal("Small", "Middle", "Big");
    }

    [Fact]
    public async Task List_OrGetByAttributes_WithAValueOutsideInvokeAisEnums_IsA422()
    {
        var list = () => SendAsync(new ListModelsQuery(Bases: ["sdxl", "sd-9"], Type: "mainn", Format: "zip"));
        var byAttributes = () => SendAsync(new GetModelByAttributesQuery("x", "mainn", "sdxl"));

        var errors = (await list.Should().ThrowAsync<RequestValidationException>()).Which.Errors;
        errors.Select(e => string.Join('.', e.Loc)).Should().Equal("query.base_models.1", "query.model_type", "query.model_format");
        errors.Should().OnlyContain(e => e.Type == "enum");
        (await byAttributes.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Single().Loc.Should().Equal("query", "type");
    }

    [Fact]
    public async Task Get_ByKey_ReturnsTheStoredConfig_Or404WithInvokeAisText()
    {
        var key = await InstallKeyAsync(WriteFile(InModels("a.safetensors")));

        Parse(await SendAsync(new GetModelQuery(key))).GetProperty("key").GetString().Should().Be(key);
        var missing = () => SendAsync(new GetModelQuery("no-such-key"));
        (await missing.Should().ThrowAsync<NotFoundException>()).Which.Detail.Should().Be("model not found");
    }

    [Fact]
    public async Task Get_ByAttributes_FindsByNameTypeAndBase()
    {
        await SeedAsync();

        var found = Parse(await SendAsync(new GetModelByAttributesQuery("Beta", "main", "sdxl")));
        var wrongBase = () => SendAsync(new GetModelByAttributesQuery("Beta", "main", "sd-1"));

        found.GetProperty("name").GetString().Should().Be("Beta");
        (await wrongBase.Should().ThrowAsync<NotFoundException>()).Which.Detail.Should().Be("No model found with these attributes");
    }

    [Fact]
    public async Task Get_ByHash_FindsTheModelWithThatContent()
    {
        var config = await InstallAsync(WriteFile(InModels("a.safetensors"), "unique content"));
        var hash = config.GetProperty("hash").GetString()!;

        Parse(await SendAsync(new GetModelByHashQuery(hash))).GetProperty("key").GetString().Should().Be(config.GetProperty("key").GetString());
        var unknown = () => SendAsync(new GetModelByHashQuery("blake3:0000"));
        (await unknown.Should().ThrowAsync<NotFoundException>()).Which.Detail.Should().Be("No model found with this hash");
    }

    [Fact]
    public async Task Missing_ListsModelsWhoseFilesAreGone_ButNotExternalModels()
    {
        var present = await InstallKeyAsync(WriteFile(InModels("present.safetensors")));
        var goneFile = WriteFile(InModels("gone.safetensors"), "gone");
        var gone = await InstallKeyAsync(goneFile);
        var externalFile = WriteFile(InModels("api.safetensors"), "api");
        var external = await InstallKeyAsync(externalFile);

        // External API models cannot be registered here; an imported InvokeAI database may hold them.
        await InDatabaseAsync(db => db.Models.Where(m => m.Key == external).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Type, "external_image_generator").SetProperty(m => m.Format, "external_api").SetProperty(m => m.Base, "external")));
        File.Delete(goneFile);
        File.Delete(externalFile);

        var missing = await SendAsync(new ListMissingModelsQuery());

        missing.Models.Select(m => Parse(m).GetProperty("key").GetString()).Should().Equal(gone);
        present.Should().NotBe(gone);
    }

    /// <summary>Alpha (sd-1 main checkpoint), Beta (sdxl main checkpoint), Gamma (sdxl main diffusers), Delta (sd-1 LyCORIS lora).</summary>
    private async Task SeedAsync()
    {
        await InstallAsync(WriteFile(InModels("a.safetensors"), "a"), new ModelChanges(Name: "Alpha", Base: "sd-1", Type: "main", Format: "checkpoint"));
        await InstallAsync(WriteFile(InModels("b.safetensors"), "b"), new ModelChanges(Name: "Beta", Base: "sdxl", Type: "main", Format: "checkpoint"));
        await InstallAsync(WriteDiffusers(InModels("gamma")), new ModelChanges(Name: "Gamma"));
        await InstallAsync(WriteFile(InModels("d.safetensors"), "d"), new ModelChanges(Name: "Delta", Base: "sd-1", Type: "lora", Format: "lycoris"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReadModelsTestsOnSqlite(SqliteTestDatabase database) : ReadModelsTests(database);

[Collection(PostgresCollection.Name)]
public sealed class ReadModelsTestsOnPostgres(PostgresTestDatabase database) : ReadModelsTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class ReadModelsTestsOnSqlServer(SqlServerTestDatabase database) : ReadModelsTests(database);
