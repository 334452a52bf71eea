using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;
using Invoke.WebApi.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.WebApi.IntegrationTests.Security;

/// <summary>Every route declares who may call it, and only contract §2.1's public routes (plus our health and OpenAPI documents) are public.</summary>
public sealed class RouteAccessTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    private static readonly HashSet<string> PublicAllowlist = new(StringComparer.Ordinal)
    {
        "GET /api/v1/auth/status",
        "POST /api/v1/auth/login",
        "POST /api/v1/auth/setup",
        "GET /api/v1/app/version",
        "GET /api/v1/workflows/i/{workflow_id}/thumbnail",
        "GET /api/v2/models/i/{key}/image",
        "GET /health",
        "GET /openapi.json",

        // Socket.IO: the CONNECT packet carries the token and is refused without a valid one in multi-user mode.
        "GET /ws/socket.io/",
        "POST /ws/socket.io/",
    };

    [Fact]
    public void EveryEndpoint_DeclaresAnAccessLevel()
    {
        var endpoints = Endpoints();

        endpoints.Should().HaveCountGreaterThan(20);
        endpoints.Where(e => e.Access is null).Select(e => e.Name).Should().BeEmpty("every route must say who may call it (WithAccess)");
    }

    [Fact]
    public void PublicEndpoints_AreExactlyTheAllowlistedOnes()
    {
        var publicRoutes = Endpoints().Where(e => e.Access == RouteAccess.Public).Select(e => e.Name).ToList();

        publicRoutes.Should().OnlyContain(name => PublicAllowlist.Contains(name), "only contract §2.1's public routes, /health and /openapi.json may skip authentication");
        publicRoutes.Should().Contain(["GET /api/v1/auth/status", "POST /api/v1/auth/login", "POST /api/v1/auth/setup", "GET /api/v1/app/version"]);
    }

    [Fact]
    public async Task EveryNonPublicEndpoint_WithoutAToken_Is401InMultiUserMode()
    {
        using var client = factory.CreateClient();
        var failures = new List<string>();

        foreach (var endpoint in Endpoints().Where(e => e.Access != RouteAccess.Public))
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.SamplePath) { Content = JsonContent.Create(new { }) };
            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{endpoint.Name}: {(int)response.StatusCode}");
            }
        }

        failures.Should().BeEmpty();
    }

    private List<RouteInfo> Endpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new RouteInfo(
                method,
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<RouteAccessMetadata>()?.Access)))
            .ToList();

    private sealed record RouteInfo(string Method, string Pattern, RouteAccess? Access)
    {
        public string Name => $"{Method} {Pattern}";

        public string SamplePath => System.Text.RegularExpressions.Regex.Replace(Pattern, "{[^}]+}", "sample");
    }
}
