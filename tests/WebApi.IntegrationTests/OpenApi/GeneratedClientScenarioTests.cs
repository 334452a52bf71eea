using System.Net.Http.Headers;
using Invoke.WebApi.IntegrationTests.OpenApi.Generated;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.OpenApi;

/// <summary>
/// The NSwag client generated from <c>/openapi.json</c> (<see cref="InvokeClientGenerator"/>) used as
/// an integrator would, against a real server in multi-user mode: set up, log in, create, list and share workflows.
/// </summary>
public sealed class GeneratedClientScenarioTests(MultiUserKestrelServer server) : IClassFixture<MultiUserKestrelServer>
{
    private const string Password = "Str0ng-Passw0rd!";

    [Fact]
    public async Task GeneratedClient_ListsCreatesAndSharesWorkflows()
    {
        using var anonymous = server.CreateClient();
        var client = new InvokeClient(anonymous);
        var status = await client.Get_setup_status_api_v1_auth_status_getAsync();
        status.Multiuser_enabled.Should().BeTrue();
        await client.Setup_admin_api_v1_auth_setup_postAsync(new SetupRequest { Email = "admin@client.test", Display_name = "Admin", Password = Password });

        using var adminHttp = await LogInAsync("admin@client.test");
        var admin = new InvokeClient(adminHttp);
        await admin.Create_user_api_v1_auth_users_postAsync(new AdminUserCreateRequest { Email = "reader@client.test", Password = Password });
        var name = "client-" + Guid.NewGuid().ToString("N");

        var created = await admin.Create_workflowAsync(new CreateWorkflowBody { Workflow = Document(name) });
        var listed = await admin.List_workflowsAsync(0, 10, Order_by.Name, Direction.ASC, [Anonymous.User], null, name, null, null, null);
        var shared = await admin.Update_workflow_is_publicAsync(created.Workflow_id, new SetWorkflowSharingBody { Is_public = true });

        created.Is_public.Should().BeFalse("a new workflow is private in multi-user mode");
        listed.Items.Select(i => i.Workflow_id).Should().Equal(created.Workflow_id);
        listed.Total.Should().Be(1);
        shared.Is_public.Should().BeTrue();

        using var readerHttp = await LogInAsync("reader@client.test");
        var reader = new InvokeClient(readerHttp);
        var seen = await reader.List_workflowsAsync(null, null, null, null, null, null, name, null, true, null);
        seen.Items.Should().ContainSingle().Which.Name.Should().Be(name);
        var tags = await reader.Get_counts_by_tagAsync(["client"], null, null, true);
        tags["client"].Should().Be(1);
    }

    [Fact]
    public async Task GeneratedClient_ReadsInvokeAIsErrorShapes()
    {
        using var anonymous = server.CreateClient();
        var client = new InvokeClient(anonymous);

        var unauthenticated = await FluentActions.Invoking(() => client.List_workflowsAsync(null, null, null, null, null, null, null, null, null, null))
            .Should().ThrowAsync<ApiException<ErrorDetail>>();
        unauthenticated.Which.StatusCode.Should().Be(401);
        unauthenticated.Which.Result.Detail.Should().NotBeNullOrEmpty();

        var invalid = await FluentActions.Invoking(() => client.Login_api_v1_auth_login_postAsync(new LoginRequest { Email = "x@y.z", Password = null }))
            .Should().ThrowAsync<ApiException<HTTPValidationError>>();
        invalid.Which.StatusCode.Should().Be(422);
        var item = invalid.Which.Result.Detail.Should().ContainSingle().Subject;
        item.Type.Should().Be("string_type");
        item.Loc.Select(segment => segment.ToString()).Should().Equal("body", "password");
    }

    private async Task<HttpClient> LogInAsync(string email)
    {
        using var anonymous = server.CreateClient();
        var login = await new InvokeClient(anonymous).Login_api_v1_auth_login_postAsync(new LoginRequest { Email = email, Password = Password });
        var http = server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Token);
        return http;
    }

    private static WorkflowWithoutId Document(string name) => new()
    {
        Name = name,
        Author = "Client",
        Description = "Made by the generated client",
        Version = "1.0.0",
        Contact = string.Empty,
        Tags = "client",
        Notes = string.Empty,
        ExposedFields = [],
        Meta = new WorkflowMeta { Version = "3.0.0", Category = WorkflowCategory.User },
        Nodes = [],
        Edges = [],
    };
}
