using System.Net;
using System.Text;
using Invoke.WebApi.IntegrationTests.Testing;
using Invoke.WebApi.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.WebApi.IntegrationTests.Models;

/// <summary>
/// Contract §9.4 over HTTP in multi-user mode, for every model route this server has: no token ⇒ 401,
/// a regular user ⇒ 403 on every management route, an administrator gets past the gate; regular
/// users can read the registry.
/// </summary>
public sealed class ModelGatingTests(ModelGatingTests.Server server) : IClassFixture<ModelGatingTests.Server>
{
    public static TheoryData<string, string, bool> Routes()
    {
        using var factory = new MultiUserApiFactory();
        _ = factory.CreateClient();
        var data = new TheoryData<string, string, bool>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                     .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v2/models", StringComparison.Ordinal) == true)
                     .OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal))
        {
            var access = endpoint.Metadata.GetMetadata<RouteAccessMetadata>()!.Access;
            if (access == RouteAccess.Public)
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                data.Add(method, Concrete(endpoint.RoutePattern.RawText!), access == RouteAccess.Admin);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ModelRoute_WithoutAToken_Is401(string method, string path, bool adminOnly)
    {
        _ = adminOnly;
        using var anonymous = server.CreateClient();

        var response = await anonymous.SendAsync(Request(method, path));

        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Authentication required");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ModelRoute_AsARegularUser_Is403OnlyWhereAdminOnly(string method, string path, bool adminOnly)
    {
        var user = await server.UserAsync();

        var response = await user.Client.SendAsync(Request(method, path));

        if (adminOnly)
        {
            (await response.ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("Admin privileges required");
        }
        else
        {
            response.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized).And.NotBe(HttpStatusCode.Forbidden);
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ModelRoute_AsAnAdministrator_PassesTheGate(string method, string path, bool adminOnly)
    {
        _ = adminOnly;
        var admin = await server.AdminAsync();

        var response = await admin.Client.SendAsync(Request(method, path));

        response.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized).And.NotBe(HttpStatusCode.Forbidden)
            .And.NotBe(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task RegularUser_CanListModels()
    {
        var user = await server.UserAsync();

        var body = await (await user.Client.GetAsync("/api/v2/models/")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.GetProperty("models").GetArrayLength().Should().Be(0);
    }

    private static string Concrete(string pattern) =>
        pattern.Replace("{key}", "some-key", StringComparison.Ordinal).Replace("{id}", "1", StringComparison.Ordinal);

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "GET" or "DELETE" && !path.EndsWith("/sync/orphaned", StringComparison.Ordinal)
            ? null
            : new StringContent("{}", Encoding.UTF8, "application/json"),
    };

    /// <summary>One multi-user server with an administrator and a regular user, logged in once for the whole class.</summary>
    public sealed class Server : MultiUserApiFactory
    {
        private readonly SemaphoreSlim _accounts = new(1, 1);
        private Account? _admin;
        private Account? _user;

        public async Task<Account> AdminAsync()
        {
            await EnsureAccountsAsync();
            return _admin!;
        }

        public async Task<Account> UserAsync()
        {
            await EnsureAccountsAsync();
            return _user!;
        }

        private async Task EnsureAccountsAsync()
        {
            await _accounts.WaitAsync();
            try
            {
                _admin ??= await this.SetUpAdministratorAsync();
                _user ??= await this.CreateAccountAsync(_admin, "user1@test.com");
            }
            finally
            {
                _accounts.Release();
            }
        }
    }
}
