using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Models;
using Invoke.Domain.Models;
using Mediator;

namespace Invoke.Application.FunctionalTests.Models;

/// <summary>
/// The gating of contract §5.1 at the mediator, whatever the web layer does: reading needs any
/// user, everything else an administrator.
/// </summary>
public abstract class ModelAuthorizationTests(TestDatabase database) : ModelTest(database)
{
    private static readonly Dictionary<string, Func<string, IMessage>> AdminRequests = new()
    {
        ["install"] = path => new InstallModelCommand(path, ModelChanges.None),
        ["list install jobs"] = _ => new ListModelInstallJobsQuery(),
        ["get install job"] = _ => new GetModelInstallJobQuery(1),
        ["prune install jobs"] = _ => new PruneModelInstallJobsCommand(),
        ["update"] = _ => new UpdateModelCommand("key", new ModelChanges(Name: "x")),
        ["delete"] = _ => new DeleteModelCommand("key"),
        ["bulk delete"] = _ => new BulkDeleteModelsCommand(["key"]),
        ["scan folder"] = path => new ScanModelFolderQuery(path),
        ["list orphans"] = _ => new ListOrphanedModelsQuery(),
        ["delete orphans"] = _ => new DeleteOrphanedModelsCommand(["orphan"]),
        ["unsupported operation"] = _ => new RefuseUnsupportedModelOperationCommand("get_stats"),
    };

    private static readonly Dictionary<string, IMessage> ReadRequests = new()
    {
        ["list"] = new ListModelsQuery(),
        ["missing"] = new ListMissingModelsQuery(),
        ["get"] = new GetModelQuery("key"),
        ["get by attributes"] = new GetModelByAttributesQuery("name", "main", "sd-1"),
        ["get by hash"] = new GetModelByHashQuery("blake3:0"),
    };

    public static TheoryData<string> AdminRequestNames() => new(AdminRequests.Keys);

    public static TheoryData<string> ReadRequestNames() => new(ReadRequests.Keys);

    [Theory]
    [MemberData(nameof(AdminRequestNames))]
    public async Task Management_ByARegularUser_IsForbidden_AndChangesNothing(string request)
    {
        var orphan = WriteFile(InModels("orphan", "model.safetensors"));
        RunAsUser("user-1");

        var act = () => SendAnyAsync(AdminRequests[request](orphan));

        (await act.Should().ThrowAsync<ForbiddenException>()).Which.Detail.Should().Be("Admin privileges required");
        File.Exists(orphan).Should().BeTrue();
        RunInSingleUserMode();
        (await SendAsync(new ListModelsQuery())).Models.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(AdminRequestNames))]
    public async Task Management_ByAnAnonymousCaller_IsUnauthenticated(string request)
    {
        RunAsAnonymous();

        var act = () => SendAnyAsync(AdminRequests[request](ModelsPath));

        (await act.Should().ThrowAsync<UnauthenticatedException>()).Which.Detail.Should().Be("Authentication required");
    }

    [Theory]
    [MemberData(nameof(ReadRequestNames))]
    public async Task Reading_ByAnAnonymousCaller_IsUnauthenticated(string request)
    {
        RunAsAnonymous();

        var act = () => SendAnyAsync(ReadRequests[request]);

        await act.Should().ThrowAsync<UnauthenticatedException>();
    }

    [Fact]
    public async Task RegularUsers_CanListModels_AndFilterOutMissingOnes()
    {
        var present = await InstallKeyAsync(WriteFile(InModels("present.safetensors"), "p"));
        var goneFile = WriteFile(InModels("gone.safetensors"), "g");
        var gone = await InstallKeyAsync(goneFile);
        File.Delete(goneFile);
        RunAsUser("user-1");

        var all = await SendAsync(new ListModelsQuery());
        var missing = await SendAsync(new ListMissingModelsQuery());

        all.Models.Select(m => Parse(m).GetProperty("key").GetString()).Should().BeEquivalentTo([present, gone]);
        missing.Models.Select(m => Parse(m).GetProperty("key").GetString()).Should().Equal(gone);
        Parse(await SendAsync(new GetModelQuery(present))).GetProperty("key").GetString().Should().Be(present);
    }

    [Fact]
    public async Task Administrators_InMultiUserMode_ManageModels()
    {
        RunAsAdministrator();

        var key = await InstallKeyAsync(WriteFile(InModels("a.safetensors")));
        await SendAsync(new DeleteModelCommand(key));

        (await SendAsync(new ListModelsQuery())).Models.Should().BeEmpty();
    }

    private async Task SendAnyAsync(IMessage request)
    {
        await using var scope = Database.CreateScope(MultiUser, Caller);
        var sender = (ISender)scope.ServiceProvider.GetService(typeof(ISender))!;
        await sender.Send((object)request);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ModelAuthorizationTestsOnSqlite(SqliteTestDatabase database) : ModelAuthorizationTests(database);

[Collection(PostgresCollection.Name)]
public sealed class ModelAuthorizationTestsOnPostgres(PostgresTestDatabase database) : ModelAuthorizationTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class ModelAuthorizationTestsOnSqlServer(SqlServerTestDatabase database) : ModelAuthorizationTests(database);
