using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Invoke.WebApi.IntegrationTests.Models;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.Testing.WorkflowBodies;

namespace Invoke.WebApi.IntegrationTests.OpenApi;

/// <summary>
/// Real responses, successes and errors, checked against Invoke's own <c>/openapi.json</c>: every
/// status is documented for its operation, and every JSON body matches the documented schema with
/// no undocumented field.
/// </summary>
public sealed class ResponsesMatchTheDocumentTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    private const string Password = "Str0ng-Passw0rd!";

    [Fact]
    public async Task EveryResponseOfAUserSession_MatchesTheDocument()
    {
        var exchanges = new List<Exchange>();
        using var anonymous = factory.CreateDefaultClient(new Recorder(exchanges));
        await anonymous.GetAsync("/api/v1/auth/status");
        await anonymous.PostAsJsonAsync("/api/v1/auth/setup", new { email = "doc-admin@test.com", display_name = "Admin", password = Password });
        var login = await (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = "doc-admin@test.com", password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = 5 });
        await anonymous.GetAsync("/api/v1/workflows/");
        await anonymous.SendAsync(Text(HttpMethod.Post, "/api/v1/auth/login", "{}", "text/plain"));

        using var admin = factory.CreateDefaultClient(new Recorder(exchanges));
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("token").GetString());
        await admin.GetAsync("/api/v1/auth/me");
        await admin.PatchAsJsonAsync("/api/v1/auth/me", new { display_name = "Administrator" });
        await admin.GetAsync("/api/v1/auth/generate-password");
        await admin.PostAsync("/api/v1/auth/media-cookie", null);
        var user = await (await admin.PostAsJsonAsync("/api/v1/auth/users", new { email = "doc-user@test.com", password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        var userId = user.GetProperty("user_id").GetString();
        await admin.GetAsync("/api/v1/auth/users");
        await admin.GetAsync($"/api/v1/auth/users/{userId}");
        await admin.PatchAsJsonAsync($"/api/v1/auth/users/{userId}", new { is_admin = false });
        await admin.GetAsync("/api/v1/auth/users/no-such-user");

        var workflow = await (await admin.PostAsJsonAsync(Collection, Wrap(Document(tags: "doc")))).Content.ReadFromJsonAsync<JsonElement>();
        var id = workflow.GetProperty("workflow_id").GetString();
        await admin.GetAsync($"{Collection}?page=0&per_page=5&order_by=opened_at&direction=DESC&categories=user&categories=default&tags=doc&query=My&has_been_opened=false&is_public=false&callable=false");
        await admin.GetAsync($"{Collection}?page=-1&order_by=size");
        await admin.GetAsync($"/api/v1/workflows/i/{id}");
        await admin.GetAsync("/api/v1/workflows/i/default_text_to_image_basic");
        await admin.PatchAsJsonAsync($"/api/v1/workflows/i/{id}", Wrap(Document(name: "Renamed")));
        await admin.PatchAsJsonAsync($"/api/v1/workflows/i/{id}/is_public", new { is_public = true });
        await admin.PutAsync($"/api/v1/workflows/i/{id}/opened_at", null);
        await admin.GetAsync("/api/v1/workflows/tags?categories=user");
        await admin.GetAsync("/api/v1/workflows/counts_by_tag?tags=doc&tags=none");
        await admin.GetAsync("/api/v1/workflows/counts_by_category?categories=user&categories=default");
        using (var form = new MultipartFormDataContent())
        {
            var image = new ByteArrayContent(Invoke.Tests.Shared.TestImages.Png(16, 16));
            image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(image, "image", "t.png");
            await admin.PutAsync($"/api/v1/workflows/i/{id}/thumbnail", form);
        }

        await admin.GetAsync($"/api/v1/workflows/i/{id}/thumbnail");
        await admin.DeleteAsync($"/api/v1/workflows/i/{id}/thumbnail");
        await admin.DeleteAsync($"/api/v1/workflows/i/{id}");

        var modelFile = factory.WriteUniqueModel();
        var job = await (await admin.PostAsJsonAsync($"/api/v2/models/install?source={Uri.EscapeDataString(modelFile)}", new { description = "doc" })).Content.ReadFromJsonAsync<JsonElement>();
        var key = job.GetProperty("config_out").GetProperty("key").GetString();
        await admin.GetAsync("/api/v2/models/");
        await admin.GetAsync("/api/v2/models/?base_models=any&order_by=bogus");
        await admin.GetAsync("/api/v2/models/missing");
        await admin.GetAsync($"/api/v2/models/i/{key}");
        await admin.PatchAsJsonAsync($"/api/v2/models/i/{key}", new { trigger_phrases = new[] { "a" } });
        await admin.GetAsync($"/api/v2/models/install/{job.GetProperty("id").GetInt32()}");
        await admin.GetAsync("/api/v2/models/install/not-a-number");
        await admin.GetAsync("/api/v2/models/install");
        await admin.GetAsync("/api/v2/models/scan_folder");
        await admin.GetAsync("/api/v2/models/sync/orphaned");
        await admin.GetAsync("/api/v2/models/stats");
        await admin.PostAsJsonAsync("/api/v2/models/i/bulk_delete", new { keys = new[] { key, "missing" } });
        await admin.DeleteAsync($"/api/v2/models/i/{key}");
        await admin.DeleteAsync($"/api/v1/auth/users/{userId}");
        await admin.PostAsync("/api/v1/auth/logout", null);

        using var client = factory.CreateClient();
        var document = await OpenApiDocuments.GetAsync(client);
        var problems = exchanges.SelectMany(exchange => Check(document, exchange).Select(problem => $"{exchange.Method} {exchange.Path} → {exchange.Status}: {problem}")).ToList();

        exchanges.Should().HaveCountGreaterThan(45);
        exchanges.Select(e => e.Status / 100).Distinct().Should().Contain([2, 4, 5], "successes, client errors and the 501s are all checked");
        problems.Should().BeEmpty();
    }

    private static IEnumerable<string> Check(JsonElement document, Exchange exchange)
    {
        var (template, operations) = document.GetProperty("paths").EnumerateObject()
            .Select(p => (p.Name, p.Value))
            .OrderBy(p => p.Value.TryGetProperty(exchange.Method.ToLowerInvariant(), out _) ? 0 : 1)
            .ThenBy(p => p.Name.Count(c => c == '{'))
            .FirstOrDefault(p => Regex.IsMatch(exchange.Path, "^" + Regex.Replace(Regex.Escape(p.Name), @"\\\{[^}]+}", "[^/]+") + "$"));
        if (template is null)
        {
            yield return "no documented path";
            yield break;
        }

        if (!operations.TryGetProperty(exchange.Method.ToLowerInvariant(), out var operation))
        {
            yield return $"{template} has no {exchange.Method} operation";
            yield break;
        }

        if (!operation.GetProperty("responses").TryGetProperty(exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response))
        {
            yield return "the status is not documented";
            yield break;
        }

        var schema = OpenApiDocuments.ContentSchema(response, out var contentType);
        if (contentType is null)
        {
            if (exchange.Body.Length > 0)
            {
                yield return $"no body is documented, but one was sent: {exchange.Body}";
            }

            yield break;
        }

        if (contentType != "application/json")
        {
            if (exchange.ContentType is null || !response.GetProperty("content").TryGetProperty(exchange.ContentType, out _))
            {
                yield return $"content type {exchange.ContentType} is not documented";
            }

            yield break;
        }

        if (exchange.ContentType != "application/json")
        {
            yield return $"sent {exchange.ContentType}, documented application/json";
            yield break;
        }

        foreach (var error in OpenApiSchemaValidator.Validate(document, schema!.Value, JsonDocument.Parse(exchange.Body).RootElement))
        {
            yield return error;
        }
    }

    private static HttpRequestMessage Text(HttpMethod method, string path, string body, string contentType) =>
        new(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };

    private sealed record Exchange(string Method, string Path, int Status, string? ContentType, string Body);

    /// <summary>Keeps every request and response that passes through a client.</summary>
    private sealed class Recorder(List<Exchange> exchanges) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var body = response.Content.Headers.ContentType?.MediaType == "application/json" ? await response.Content.ReadAsStringAsync(cancellationToken) : string.Empty;
            if (response.Content.Headers.ContentType is null)
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken);
            }

            exchanges.Add(new Exchange(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
            return response;
        }
    }
}
