using System.Net;
using System.Text;
using Invoke.Application.ClientState;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.ClientState;

/// <summary><c>/api/v1/client_state</c> over HTTP: per user, in InvokeAI's shapes, within the limits.</summary>
public sealed class ClientStateEndpointTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    [Fact]
    public async Task SetThenGet_ReturnsTheStoredText_AndAnUnknownKeyIsNull()
    {
        var user = await factory.NewAccountAsync();

        var set = await user.Client.PostAsync("/api/v1/client_state/default/set_by_key?key=ui", Json("\"{\\\"activeTab\\\":\\\"workflows\\\"}\""));
        (await set.Content.ReadAsStringAsync()).Should().Be("\"{\\\"activeTab\\\":\\\"workflows\\\"}\"");

        (await (await user.Client.GetAsync("/api/v1/client_state/default/get_by_key?key=ui")).Content.ReadAsStringAsync())
            .Should().Be("\"{\\\"activeTab\\\":\\\"workflows\\\"}\"");
        await (await user.Client.GetAsync("/api/v1/client_state/default/get_by_key?key=gallery")).ShouldBeJsonNullAsync();
    }

    [Fact]
    public async Task TwoUsers_NeverSeeEachOthersState_WhateverQueueIdTheySend()
    {
        var user1 = await factory.NewAccountAsync();
        var user2 = await factory.NewAccountAsync();

        await user1.Client.PostAsync("/api/v1/client_state/default/set_by_key?key=nodes", Json("\"user1\""));
        await user2.Client.PostAsync("/api/v1/client_state/other/set_by_key?key=nodes", Json("\"user2\""));

        (await (await user1.Client.GetAsync("/api/v1/client_state/other/get_by_key?key=nodes")).Content.ReadAsStringAsync()).Should().Be("\"user1\"");
        (await (await user2.Client.GetAsync("/api/v1/client_state/default/get_by_key?key=nodes")).Content.ReadAsStringAsync()).Should().Be("\"user2\"");
    }

    [Fact]
    public async Task Delete_ForgetsTheCallersState()
    {
        var user = await factory.NewAccountAsync();
        await user.Client.PostAsync("/api/v1/client_state/default/set_by_key?key=ui", Json("\"v\""));

        await (await user.Client.PostAsync("/api/v1/client_state/default/delete", null)).ShouldBeJsonNullAsync();

        await (await user.Client.GetAsync("/api/v1/client_state/default/get_by_key?key=ui")).ShouldBeJsonNullAsync();
    }

    [Fact]
    public async Task APlainTextBody_IsTheValue_AsInvokeAisUiSendsIt()
    {
        var user = await factory.NewAccountAsync();
        using var body = new StringContent("""{"loras":[]}""", Encoding.UTF8, "text/plain");

        var set = await user.Client.PostAsync("/api/v1/client_state/default/set_by_key?key=loras", body);

        (await set.Content.ReadAsStringAsync()).Should().Be("\"{\\\"loras\\\":[]}\"");
        (await (await user.Client.GetAsync("/api/v1/client_state/default/get_by_key?key=loras")).Content.ReadAsStringAsync())
            .Should().Be("\"{\\\"loras\\\":[]}\"");
    }

    [Fact]
    public async Task AJsonBodyThatIsNotAString_Is422()
    {
        var user = await factory.NewAccountAsync();

        var items = await (await user.Client.PostAsync("/api/v1/client_state/default/set_by_key?key=ui", Json("""{"a":1}"""))).ShouldFailValidationAsync();

        items.Single().Loc().Should().Be("""["body"]""");
    }

    [Fact]
    public async Task AMissingKey_Is422()
    {
        var user = await factory.NewAccountAsync();

        var items = await (await user.Client.GetAsync("/api/v1/client_state/default/get_by_key")).ShouldFailValidationAsync();

        items.Single().Loc().Should().Be("""["query","key"]""");
    }

    [Fact]
    public async Task AValueAboveTheLimit_IsRefusedWithADetail()
    {
        var user = await factory.NewAccountAsync();
        var value = "\"" + new string('x', ClientStateLimits.MaxValueLength + 1) + "\"";

        var response = await user.Client.PostAsync("/api/v1/client_state/default/set_by_key?key=canvas", Json(value));

        (await response.ShouldFailValidationAsync()).Single().Msg().Should().Be($"The value may have at most {ClientStateLimits.MaxValueLength} characters");
    }

    [Fact]
    public async Task ABodyFarAboveTheLimit_Is413()
    {
        var user = await factory.NewAccountAsync();
        var value = "\"" + new string('x', (ClientStateLimits.MaxValueLength * 2) + 2048) + "\"";

        var response = await user.Client.PostAsync("/api/v1/client_state/default/set_by_key?key=canvas", Json(value));

        (await response.ShouldFailWithAsync(HttpStatusCode.RequestEntityTooLarge)).Should().Be("Request body too large");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
