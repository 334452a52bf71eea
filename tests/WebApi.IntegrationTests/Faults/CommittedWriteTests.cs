using System.Net;
using System.Net.Http.Json;
using Invoke.Application.Users;
using Invoke.Infrastructure.Users;
using Invoke.WebApi.IntegrationTests.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Invoke.WebApi.IntegrationTests.Faults;

/// <summary>Multi-user mode whose token issuing can be made to fail, as a database gone after the commit makes it.</summary>
public sealed class FailingRefreshApiFactory : MultiUserApiFactory
{
    public bool FailIssuing { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<JwtTokenService>();
            services.RemoveAll<ITokenService>();
            services.AddSingleton<ITokenService>(sp => new SwitchableTokens(sp.GetRequiredService<JwtTokenService>(), this));
        });
    }

    private sealed class SwitchableTokens(ITokenService inner, FailingRefreshApiFactory factory) : ITokenService
    {
        public ValueTask<IssuedToken> IssueAsync(TokenClaims claims, CancellationToken cancellationToken) =>
            factory.FailIssuing
                ? throw new InvalidOperationException("The database went away after the commit.")
                : inner.IssueAsync(claims, cancellationToken);

        public ValueTask<TokenClaims?> VerifyAsync(string token, CancellationToken cancellationToken) => inner.VerifyAsync(token, cancellationToken);
    }
}

/// <summary>
/// A write that committed is answered as committed: when the sliding refresh after it fails, the
/// response is still the handler's 2xx (without <c>X-Refreshed-Token</c>), and the change is there.
/// </summary>
public sealed class CommittedWriteTests(FailingRefreshApiFactory factory) : IClassFixture<FailingRefreshApiFactory>
{
    [Fact]
    public async Task Create_WhoseSlidingRefreshFails_IsStill200_AndTheWorkflowExists()
    {
        var admin = await factory.AdministratorAsync();
        factory.FailIssuing = true;
        try
        {
            using var response = await admin.Client.PostAsJsonAsync(WorkflowBodies.Collection, WorkflowBodies.Wrap(WorkflowBodies.Document("Committed")));

            var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
            response.Headers.Contains("X-Refreshed-Token").Should().BeFalse();
            factory.FailIssuing = false;
            (await admin.Client.GetWorkflowAsync(body.GetProperty("workflow_id").GetString()!)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            factory.FailIssuing = false;
        }
    }

    [Fact]
    public async Task Create_WhoseSlidingRefreshSucceeds_CarriesTheRefreshedToken()
    {
        var admin = await factory.AdministratorAsync();

        using var response = await admin.Client.PostAsJsonAsync(WorkflowBodies.Collection, WorkflowBodies.Wrap(WorkflowBodies.Document("Refreshed")));

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.Headers.Contains("X-Refreshed-Token").Should().BeTrue();
    }
}
