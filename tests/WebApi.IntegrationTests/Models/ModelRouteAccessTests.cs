using Invoke.WebApi.IntegrationTests.Testing;
using Invoke.WebApi.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.WebApi.IntegrationTests.Models;

/// <summary>Every model route says who may call it, and the multi-user middleware enforces what it says.</summary>
public sealed class ModelRouteAccessTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private static readonly string[] ReadRoutes =
    [
        "GET /api/v2/models/", "GET /api/v2/models/missing", "GET /api/v2/models/get_by_attrs",
        "GET /api/v2/models/get_by_hash", "GET /api/v2/models/i/{key}",
    ];

    [Fact]
    public void ModelRoutes_AreUserForReading_PublicForTheCoverImage_AndAdminForEverythingElse()
    {
        _ = factory.CreateClient();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v2/models", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(method => (Route: $"{method} {e.RoutePattern.RawText}", Access: e.Metadata.GetMetadata<RouteAccessMetadata>()?.Access)))
            .ToList();

        routes.Should().HaveCountGreaterThan(30);
        foreach (var (route, access) in routes)
        {
            var expected = ReadRoutes.Contains(route) ? RouteAccess.User
                : route == "GET /api/v2/models/i/{key}/image" ? RouteAccess.Public
                : RouteAccess.Admin;
            access.Should().Be(expected, route);
        }
    }
}
