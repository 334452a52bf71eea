using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Models;
using Invoke.Domain.Models;

namespace Invoke.Application.FunctionalTests.Models;

/// <summary>
/// PostgreSQL text cannot hold U+0000, so a NUL character in any model field or lookup used to be a
/// 500 there. It is a 422 naming the field on every database, and nothing is changed.
/// </summary>
public abstract class NulInModelRequestsTests(TestDatabase database) : ModelTest(database)
{
    private const string Nul = "a\0b";

    public static TheoryData<string> BodyFields => ["name", "description", "config_path", "source_url", "trigger_phrases"];

    [Theory]
    [MemberData(nameof(BodyFields))]
    public async Task Update_WithANulInAField_FailsValidationNamingItAndKeepsTheModel(string field)
    {
        var key = await InstallKeyAsync(WriteFile(InModels("a.safetensors")));
        var before = (await SendAsync(new GetModelQuery(key))).Json;

        var act = () => SendAsync(new UpdateModelCommand(key, ChangesWithNulIn(field)));

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Type.Should().Be("value_error");
        error.Loc.Should().Equal(field == "trigger_phrases" ? ["body", field, 0] : ["body", field]);
        error.Msg.Should().Contain("NUL");
        (await SendAsync(new GetModelQuery(key))).Json.Should().Be(before);
    }

    [Theory]
    [MemberData(nameof(BodyFields))]
    public async Task Install_WithANulInAConfigField_FailsValidationAndRegistersNothing(string field)
    {
        var file = WriteFile(InModels("a.safetensors"));

        var act = () => SendAsync(new InstallModelCommand(file, ChangesWithNulIn(field)));

        (await act.ShouldFailValidationAsync()).Should().ContainSingle().Which.Loc.Should().StartWith(["body", field]);
        (await SendAsync(new ListModelsQuery())).Models.Should().BeEmpty();
    }

    [Fact]
    public async Task Install_WithANulInTheSource_FailsValidationOnTheQuery()
    {
        var act = () => SendAsync(new InstallModelCommand(InModels(Nul), ModelChanges.None));

        (await act.ShouldFailValidationAsync()).Should().ContainSingle().Which.Loc.Should().Equal("query", "source");
    }

    [Fact]
    public async Task Lookups_WithANulInTheirText_FailValidationNamingTheParameter()
    {
        await InstallKeyAsync(WriteFile(InModels("a.safetensors")));

        (await Act(() => SendAsync(new ListModelsQuery(Name: Nul)))).Should().Equal("query", "model_name");
        (await Act(() => SendAsync(new GetModelByAttributesQuery(Nul, "main", "sd-1")))).Should().Equal("query", "name");
        (await Act(() => SendAsync(new GetModelByHashQuery(Nul)))).Should().Equal("query", "hash");
        (await Act(() => SendAsync(new GetModelQuery(Nul)))).Should().Equal("path", "key");
        (await Act(() => SendAsync(new UpdateModelCommand(Nul, new ModelChanges(Name: "x"))))).Should().Equal("path", "key");
        (await Act(() => SendAsync(new DeleteModelCommand(Nul)))).Should().Equal("path", "key");
        (await Act(() => SendAsync(new BulkDeleteModelsCommand(["fine", Nul])))).Should().Equal("body", "keys", 1);
        (await SendAsync(new ListModelsQuery())).Models.Should().ContainSingle();

        static async Task<IReadOnlyList<object>> Act(Func<Task> act) =>
            (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject.Loc;
    }

    [Fact]
    public async Task ScanFolder_WithANulInThePath_IsABadRequest()
    {
        var act = () => SendAsync(new ScanModelFolderQuery(ModelsPath + "/" + Nul));

        await act.ShouldFailWithAsync<BadRequestException>($"The search path '{ModelsPath}/{Nul}' could not be scanned");
    }

    private static ModelChanges ChangesWithNulIn(string field) => field switch
    {
        "name" => new ModelChanges(Name: Nul),
        "description" => new ModelChanges(Description: new FieldChange<string?>(Nul)),
        "trigger_phrases" => new ModelChanges(Settings: new Dictionary<string, JsonElement> { [field] = JsonSerializer.SerializeToElement(new[] { Nul }) }),
        _ => new ModelChanges(Settings: new Dictionary<string, JsonElement> { [field] = JsonSerializer.SerializeToElement(Nul) }),
    };
}

[Collection(SqliteCollection.Name)]
public sealed class NulInModelRequestsTestsOnSqlite(SqliteTestDatabase database) : NulInModelRequestsTests(database);

[Collection(PostgresCollection.Name)]
public sealed class NulInModelRequestsTestsOnPostgres(PostgresTestDatabase database) : NulInModelRequestsTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class NulInModelRequestsTestsOnSqlServer(SqlServerTestDatabase database) : NulInModelRequestsTests(database);
