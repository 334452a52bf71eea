using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.App;

/// <summary>
/// The routes the web UI needs beyond the library, in multi-user mode: InvokeAI's access rules —
/// anonymous callers 401, every user for the empty lists, client state and app facts, only
/// administrators for the runtime configuration and the starter models.
/// </summary>
public sealed class WebUiRouteAccessTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    public static TheoryData<string, string> AnyUserRoutes() => new()
    {
        { "GET", "/api/v1/app/app_deps" },
        { "GET", "/api/v1/app/patchmatch_status" },
        { "GET", "/api/v1/images/" },
        { "GET", "/api/v1/images/names" },
        { "GET", "/api/v1/images/intermediates" },
        { "GET", "/api/v1/videos/" },
        { "GET", "/api/v1/videos/names" },
        { "GET", "/api/v1/gallery/items/" },
        { "GET", "/api/v1/gallery/item_names" },
        { "GET", "/api/v1/gallery/items/names" },
        { "GET", "/api/v1/boards/?all=true" },
        { "GET", "/api/v1/virtual_boards/by_date" },
        { "GET", "/api/v1/style_presets/" },
        { "GET", "/api/v1/system_prompts/" },
        { "GET", "/api/v1/queue/default/status" },
        { "GET", "/api/v1/queue/default/current" },
        { "GET", "/api/v1/queue/default/next" },
        { "GET", "/api/v1/queue/default/list_all" },
        { "GET", "/api/v1/queue/default/item_ids" },
        { "GET", "/api/v1/queue/default/counts_by_destination?destination=canvas" },
        { "POST", "/api/v1/model_relationships/batch" },
        { "GET", "/api/v1/client_state/default/get_by_key?key=ui" },
        { "POST", "/api/v1/client_state/default/set_by_key?key=ui" },
        { "POST", "/api/v1/client_state/default/delete" },
    };

    public static TheoryData<string, string> AdminRoutes() => new()
    {
        { "GET", "/api/v1/app/runtime_config" },
        { "GET", "/api/v2/models/starter_models" },
    };

    [Theory]
    [MemberData(nameof(AnyUserRoutes))]
    [MemberData(nameof(AdminRoutes))]
    public async Task Anonymous_Is401(string method, string path)
    {
        using var anonymous = factory.CreateClient();

        (await (await anonymous.SendAsync(Request(method, path))).ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Authentication required");
    }

    [Theory]
    [MemberData(nameof(AnyUserRoutes))]
    public async Task ARegularUserAndAnAdministrator_AreAnswered(string method, string path)
    {
        var user = await factory.NewAccountAsync();
        var admin = await factory.AdministratorAsync();

        await (await user.Client.SendAsync(Request(method, path))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.Client.SendAsync(Request(method, path))).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task ARegularUser_Is403_AndAnAdministratorIsAnswered(string method, string path)
    {
        var user = await factory.NewAccountAsync();
        var admin = await factory.AdministratorAsync();

        (await (await user.Client.SendAsync(Request(method, path))).ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("Admin privileges required");
        await (await admin.Client.SendAsync(Request(method, path))).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RuntimeConfig_InMultiUserMode_SaysSo()
    {
        var admin = await factory.AdministratorAsync();

        var body = await (await admin.Client.GetAsync("/api/v1/app/runtime_config")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.GetProperty("config").GetProperty("multiuser").GetBoolean().Should().BeTrue();
        body.GetProperty("set_fields").EnumerateArray().Select(f => f.GetString()).Should().Contain("multiuser");
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method == "POST"
            ? path.Contains("set_by_key", StringComparison.Ordinal) ? JsonContent.Create("value") : JsonContent.Create(new { model_keys = Array.Empty<string>() })
            : null,
    };
}
