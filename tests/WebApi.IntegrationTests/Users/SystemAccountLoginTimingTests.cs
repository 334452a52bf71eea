using System.Diagnostics;
using System.Net;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Users;

/// <summary>
/// With real bcrypt: the system account's refusal costs a bcrypt check like a wrong password (no timing
/// tell: without it the answer came in ~1% of the time). A quarter is the bound, to stay stable on a loaded machine.
/// </summary>
public sealed class SystemAccountLoginTimingTests : IAsyncLifetime
{
    private readonly RealBcryptApiFactory _factory = new();
    private Account _user = null!;

    public async ValueTask InitializeAsync() => _user = await _factory.NewAccountAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Login_AsTheSystemAccount_TakesAsLongAsAWrongPassword()
    {
        var wrongPassword = await FastestOfAsync(() => _factory.PostLoginAsync(_user.Email, "WrongPass123"));
        var systemAccount = await FastestOfAsync(() => _factory.PostLoginAsync("system@system.invokeai", "WrongPass123"));

        systemAccount.Should().BeGreaterThan(wrongPassword * 0.25, "the system account is refused after a bcrypt check too");
    }

    private static async Task<TimeSpan> FastestOfAsync(Func<Task<HttpResponseMessage>> login)
    {
        var fastest = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await login();
            watch.Stop();
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            fastest = watch.Elapsed < fastest ? watch.Elapsed : fastest;
        }

        return fastest;
    }
}
