using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Workflows;

/// <summary>
/// Contract §4.2 as Invoke answers it (Part A.2 #2 and #3): every workflow endpoint, called by each
/// kind of caller on each kind of workflow, in multi-user mode. A refused call changes nothing.
/// </summary>
public sealed class WorkflowAuthorizationMatrixTests(SharedLibraryServers servers) : IClassFixture<SharedLibraryServers>
{
    // Callers. The owner of a default or legacy workflow is "system", which cannot log in: no "owner" rows for them.
    private const string Anonymous = "anonymous";
    private const string Owner = "owner";
    private const string Other = "other user";
    private const string Admin = "admin";

    // Workflows. Private and shared ones belong to user1; legacy = saved in single-user mode on the same database.
    private const string Private = "private";
    private const string Shared = "shared";
    private const string Default = "default";
    private const string Legacy = "system legacy";
    private const string None = "-";

    private const string Get = "GET /i/{id}";
    private const string Patch = "PATCH /i/{id}";
    private const string Delete = "DELETE /i/{id}";
    private const string SetPublic = "PATCH /i/{id}/is_public";
    private const string Open = "PUT /i/{id}/opened_at";
    private const string PutThumbnail = "PUT /i/{id}/thumbnail";
    private const string DeleteThumbnail = "DELETE /i/{id}/thumbnail";
    private const string GetThumbnail = "GET /i/{id}/thumbnail";
    private const string List = "GET /";
    private const string Create = "POST /";
    private const string Tags = "GET /tags";
    private const string CountsByTag = "GET /counts_by_tag";
    private const string CountsByCategory = "GET /counts_by_category";

    private const string AuthenticationRequired = "Authentication required";
    private const string NotAuthorizedToAccess = "Not authorized to access this workflow";
    private const string NotAuthorizedToUpdate = "Not authorized to update this workflow";
    private const string NotAuthorizedToDelete = "Not authorized to delete this workflow";
    private const string ReadOnly = "Default workflows are read-only";

    public static TheoryData<string, string, string, int, string?> Matrix { get; } = new()
    {
        // endpoint        caller     workflow  status  detail
        { Get,             Anonymous, Private,  401,    AuthenticationRequired },
        { Get,             Anonymous, Shared,   401,    AuthenticationRequired },
        { Get,             Anonymous, Default,  401,    AuthenticationRequired },
        { Get,             Anonymous, Legacy,   401,    AuthenticationRequired },
        { Get,             Owner,     Private,  200,    null },
        { Get,             Owner,     Shared,   200,    null },
        { Get,             Other,     Private,  403,    NotAuthorizedToAccess },
        { Get,             Other,     Shared,   200,    null },
        { Get,             Other,     Default,  200,    null },
        { Get,             Other,     Legacy,   200,    null },
        { Get,             Admin,     Private,  200,    null },
        { Get,             Admin,     Shared,   200,    null },
        { Get,             Admin,     Default,  200,    null },
        { Get,             Admin,     Legacy,   200,    null },

        { Patch,           Anonymous, Private,  401,    AuthenticationRequired },
        { Patch,           Anonymous, Shared,   401,    AuthenticationRequired },
        { Patch,           Anonymous, Default,  401,    AuthenticationRequired },
        { Patch,           Anonymous, Legacy,   401,    AuthenticationRequired },
        { Patch,           Owner,     Private,  200,    null },
        { Patch,           Owner,     Shared,   200,    null },
        { Patch,           Other,     Private,  403,    NotAuthorizedToUpdate },
        { Patch,           Other,     Shared,   403,    NotAuthorizedToUpdate },
        { Patch,           Other,     Default,  403,    ReadOnly },
        { Patch,           Other,     Legacy,   403,    NotAuthorizedToUpdate },
        { Patch,           Admin,     Private,  200,    null },
        { Patch,           Admin,     Shared,   200,    null },
        { Patch,           Admin,     Default,  403,    ReadOnly },
        { Patch,           Admin,     Legacy,   200,    null },

        { Delete,          Anonymous, Private,  401,    AuthenticationRequired },
        { Delete,          Anonymous, Shared,   401,    AuthenticationRequired },
        { Delete,          Anonymous, Default,  401,    AuthenticationRequired },
        { Delete,          Anonymous, Legacy,   401,    AuthenticationRequired },
        { Delete,          Owner,     Private,  200,    null },
        { Delete,          Owner,     Shared,   200,    null },
        { Delete,          Other,     Private,  403,    NotAuthorizedToDelete },
        { Delete,          Other,     Shared,   403,    NotAuthorizedToDelete },
        { Delete,          Other,     Default,  403,    ReadOnly },
        { Delete,          Other,     Legacy,   403,    NotAuthorizedToDelete },
        { Delete,          Admin,     Private,  200,    null },
        { Delete,          Admin,     Shared,   200,    null },
        { Delete,          Admin,     Default,  403,    ReadOnly },
        { Delete,          Admin,     Legacy,   200,    null },

        { SetPublic,       Anonymous, Private,  401,    AuthenticationRequired },
        { SetPublic,       Anonymous, Shared,   401,    AuthenticationRequired },
        { SetPublic,       Anonymous, Default,  401,    AuthenticationRequired },
        { SetPublic,       Anonymous, Legacy,   401,    AuthenticationRequired },
        { SetPublic,       Owner,     Private,  200,    null },
        { SetPublic,       Owner,     Shared,   200,    null },
        { SetPublic,       Other,     Private,  403,    NotAuthorizedToUpdate },
        { SetPublic,       Other,     Shared,   403,    NotAuthorizedToUpdate },
        { SetPublic,       Other,     Default,  403,    ReadOnly },
        { SetPublic,       Other,     Legacy,   403,    NotAuthorizedToUpdate },
        { SetPublic,       Admin,     Private,  200,    null },
        { SetPublic,       Admin,     Shared,   200,    null },
        { SetPublic,       Admin,     Default,  403,    ReadOnly },
        { SetPublic,       Admin,     Legacy,   200,    null },

        { Open,            Anonymous, Private,  401,    AuthenticationRequired },
        { Open,            Anonymous, Shared,   401,    AuthenticationRequired },
        { Open,            Anonymous, Default,  401,    AuthenticationRequired },
        { Open,            Anonymous, Legacy,   401,    AuthenticationRequired },
        { Open,            Owner,     Private,  200,    null },
        { Open,            Owner,     Shared,   200,    null },
        { Open,            Other,     Private,  403,    NotAuthorizedToUpdate },
        { Open,            Other,     Shared,   403,    NotAuthorizedToUpdate },
        { Open,            Other,     Default,  403,    ReadOnly },
        { Open,            Other,     Legacy,   403,    NotAuthorizedToUpdate },
        { Open,            Admin,     Private,  200,    null },
        { Open,            Admin,     Shared,   200,    null },
        { Open,            Admin,     Default,  200,    null },
        { Open,            Admin,     Legacy,   200,    null },

        { PutThumbnail,    Anonymous, Private,  401,    AuthenticationRequired },
        { PutThumbnail,    Anonymous, Shared,   401,    AuthenticationRequired },
        { PutThumbnail,    Anonymous, Default,  401,    AuthenticationRequired },
        { PutThumbnail,    Anonymous, Legacy,   401,    AuthenticationRequired },
        { PutThumbnail,    Owner,     Private,  200,    null },
        { PutThumbnail,    Owner,     Shared,   200,    null },
        { PutThumbnail,    Other,     Private,  403,    NotAuthorizedToUpdate },
        { PutThumbnail,    Other,     Shared,   403,    NotAuthorizedToUpdate },
        { PutThumbnail,    Other,     Default,  403,    ReadOnly },
        { PutThumbnail,    Other,     Legacy,   403,    NotAuthorizedToUpdate },
        { PutThumbnail,    Admin,     Private,  200,    null },
        { PutThumbnail,    Admin,     Shared,   200,    null },
        { PutThumbnail,    Admin,     Default,  403,    ReadOnly },
        { PutThumbnail,    Admin,     Legacy,   200,    null },

        { DeleteThumbnail, Anonymous, Private,  401,    AuthenticationRequired },
        { DeleteThumbnail, Anonymous, Shared,   401,    AuthenticationRequired },
        { DeleteThumbnail, Anonymous, Default,  401,    AuthenticationRequired },
        { DeleteThumbnail, Anonymous, Legacy,   401,    AuthenticationRequired },
        { DeleteThumbnail, Owner,     Private,  200,    null },
        { DeleteThumbnail, Owner,     Shared,   200,    null },
        { DeleteThumbnail, Other,     Private,  403,    NotAuthorizedToUpdate },
        { DeleteThumbnail, Other,     Shared,   403,    NotAuthorizedToUpdate },
        { DeleteThumbnail, Other,     Default,  403,    ReadOnly },
        { DeleteThumbnail, Other,     Legacy,   403,    NotAuthorizedToUpdate },
        { DeleteThumbnail, Admin,     Private,  200,    null },
        { DeleteThumbnail, Admin,     Shared,   200,    null },
        { DeleteThumbnail, Admin,     Default,  403,    ReadOnly },
        { DeleteThumbnail, Admin,     Legacy,   200,    null },

        // Part A.2 #2: only default-workflow thumbnails are public.
        { GetThumbnail,    Anonymous, Private,  401,    AuthenticationRequired },
        { GetThumbnail,    Anonymous, Shared,   401,    AuthenticationRequired },
        { GetThumbnail,    Anonymous, Default,  200,    null },
        { GetThumbnail,    Anonymous, Legacy,   401,    AuthenticationRequired },
        { GetThumbnail,    Owner,     Private,  200,    null },
        { GetThumbnail,    Owner,     Shared,   200,    null },
        { GetThumbnail,    Other,     Private,  404,    "Not Found" },
        { GetThumbnail,    Other,     Shared,   200,    null },
        { GetThumbnail,    Other,     Default,  200,    null },
        { GetThumbnail,    Other,     Legacy,   200,    null },
        { GetThumbnail,    Admin,     Private,  200,    null },
        { GetThumbnail,    Admin,     Shared,   200,    null },
        { GetThumbnail,    Admin,     Default,  200,    null },
        { GetThumbnail,    Admin,     Legacy,   200,    null },

        // The collection routes: any signed-in user; what each one sees is scoped (see the list tests).
        { List,            Anonymous, None,     401,    AuthenticationRequired },
        { List,            Other,     None,     200,    null },
        { List,            Admin,     None,     200,    null },
        { Create,          Anonymous, None,     401,    AuthenticationRequired },
        { Create,          Other,     None,     200,    null },
        { Create,          Admin,     None,     200,    null },
        { Tags,            Anonymous, None,     401,    AuthenticationRequired },
        { Tags,            Other,     None,     200,    null },
        { Tags,            Admin,     None,     200,    null },
        { CountsByTag,     Anonymous, None,     401,    AuthenticationRequired },
        { CountsByTag,     Other,     None,     200,    null },
        { CountsByTag,     Admin,     None,     200,    null },
        { CountsByCategory, Anonymous, None,    401,    AuthenticationRequired },
        { CountsByCategory, Other,     None,    200,    null },
        { CountsByCategory, Admin,     None,    200,    null },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_CalledByCaller_OnKindOfWorkflow_AnswersTheContractsStatus(
        string endpoint, string caller, string kind, int status, string? detail)
    {
        var id = await WorkflowOfKindAsync(kind, withThumbnail: endpoint is GetThumbnail or DeleteThumbnail);
        var before = id is null ? null : await SnapshotAsync(id);

        using var response = await SendAsync(endpoint, ClientFor(caller), id);

        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(status, "the body was: {0}", body);
        if (status >= 400)
        {
            JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString().Should().Be(detail);
            if (id is not null)
            {
                (await SnapshotAsync(id)).Should().Be(before, "a refused call changes nothing");
            }
        }
        else if (id is not null)
        {
            await ShouldHaveTakenEffectAsync(endpoint, id, before!, response);
        }
    }

    private HttpClient ClientFor(string caller) => caller switch
    {
        Anonymous => servers.Anonymous,
        Owner => servers.User1.Client,
        Other => servers.User2.Client,
        Admin => servers.Admin.Client,
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
    };

    private async Task<string?> WorkflowOfKindAsync(string kind, bool withThumbnail)
    {
        var id = kind switch
        {
            Private => await servers.User1.Client.CreateAsync(),
            Shared => await SharedLibraryServers.CreateSharedAsync(servers.User1),
            Default => SharedLibraryServers.DefaultWorkflowId,
            Legacy => await servers.CreateLegacyAsync(),
            None => null,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        if (withThumbnail && kind is not (Default or None))
        {
            using var upload = SharedLibraryServers.ThumbnailUpload();
            await (await servers.Admin.Client.PutAsync($"/api/v1/workflows/i/{id}/thumbnail", upload)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        return id;
    }

    private static async Task<HttpResponseMessage> SendAsync(string endpoint, HttpClient client, string? id)
    {
        var path = $"/api/v1/workflows/i/{id}";
        switch (endpoint)
        {
            case Get:
                return await client.GetAsync(path);
            case Patch:
                return await client.PatchAsJsonAsync(path, SharedLibraryServers.UpdateBody(id!, "Changed by the caller"));
            case Delete:
                return await client.DeleteAsync(path);
            case SetPublic:
                // Flip the flag: share a private workflow, unshare a shared one.
                var isPublic = id!.StartsWith("default_", StringComparison.Ordinal) || !await IsPublicAsync(id);
                return await client.PatchAsJsonAsync(path + "/is_public", new { is_public = isPublic });
            case Open:
                return await client.PutAsync(path + "/opened_at", null);
            case PutThumbnail:
                using (var upload = SharedLibraryServers.ThumbnailUpload())
                {
                    return await client.PutAsync(path + "/thumbnail", upload);
                }

            case DeleteThumbnail:
                return await client.DeleteAsync(path + "/thumbnail");
            case GetThumbnail:
                return await client.GetAsync(path + "/thumbnail");
            case List:
                return await client.GetAsync("/api/v1/workflows/?categories=user&per_page=30");
            case Create:
                return await client.PostAsJsonAsync("/api/v1/workflows/", WorkflowBodies.Wrap(WorkflowBodies.Document()));
            case Tags:
                return await client.GetAsync("/api/v1/workflows/tags?categories=user");
            case CountsByTag:
                return await client.GetAsync("/api/v1/workflows/counts_by_tag?tags=portrait&categories=user");
            case CountsByCategory:
                return await client.GetAsync("/api/v1/workflows/counts_by_category?categories=user&categories=default");
            default:
                throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null);
        }

        async Task<bool> IsPublicAsync(string workflowId) =>
            (await (await client.GetAsync($"/api/v1/workflows/i/{workflowId}")).Content.ReadFromJsonAsync<JsonElement>())
            .TryGetProperty("is_public", out var value) && value.GetBoolean();
    }

    /// <summary>A successful call did what it says.</summary>
    private async Task ShouldHaveTakenEffectAsync(string endpoint, string id, Snapshot before, HttpResponseMessage response)
    {
        var after = await SnapshotAsync(id);
        switch (endpoint)
        {
            case Get:
                (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workflow_id").GetString().Should().Be(id);
                after.Should().Be(before, "reading does not touch the workflow");
                break;
            case Patch:
                after!.Name.Should().Be("Changed by the caller");
                after.UserId.Should().Be(before.UserId, "an update never changes the owner");
                break;
            case Delete:
                after.Should().BeNull("the workflow is gone");
                break;
            case SetPublic:
                after!.IsPublic.Should().Be(!before.IsPublic);
                break;
            case Open:
                after!.OpenedAt.Should().NotBeNull();
                break;
            case PutThumbnail:
                after!.HasThumbnail.Should().BeTrue();
                break;
            case DeleteThumbnail:
                after!.HasThumbnail.Should().BeFalse();
                break;
            case GetThumbnail:
                response.Content.Headers.ContentType!.MediaType.Should().StartWith("image/");
                (await response.Content.ReadAsByteArrayAsync()).Should().NotBeEmpty();
                break;
        }
    }

    /// <summary>The workflow as an administrator reads it (null once deleted).</summary>
    private async Task<Snapshot?> SnapshotAsync(string id)
    {
        using var response = await servers.Admin.Client.GetAsync($"/api/v1/workflows/i/{id}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return new Snapshot(
            body.GetProperty("name").GetString()!,
            body.GetProperty("user_id").GetString()!,
            body.GetProperty("is_public").GetBoolean(),
            body.GetProperty("opened_at").GetString(),
            body.GetProperty("updated_at").GetString()!,
            body.GetProperty("thumbnail_url").ValueKind == JsonValueKind.String,
            body.GetProperty("workflow").GetRawText());
    }

    private sealed record Snapshot(
        string Name, string UserId, bool IsPublic, string? OpenedAt, string UpdatedAt, bool HasThumbnail, string Document);
}
