using System.Text.Json;
using Invoke.Tests.Shared;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.OpenApi.OpenApiDocuments;

namespace Invoke.WebApi.IntegrationTests.OpenApi;

/// <summary>
/// Invoke's <c>/openapi.json</c> against InvokeAI's own document, operation by operation: a client
/// generated from either sees the same operation ids, parameters (names, places, types, required),
/// request bodies (fields, types, required), success statuses, response fields and their types,
/// and the same bearer security. Where Invoke differs on purpose, the difference is listed below.
/// </summary>
public sealed class InvokeAiOpenApiComparisonTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private static readonly string[] Scope = ["/api/v1/auth", "/api/v1/workflows", "/api/v2/models", "/api/v1/app/version"];

    /// <summary>Every way Invoke's document differs from InvokeAI's in scope, and why. Each must still be a difference.</summary>
    private static readonly Dictionary<string, string> KnownDifferences = new(StringComparer.Ordinal)
    {
        ["PATCH /api/v1/workflows/i/{workflow_id} parameters"] =
            "Part A.2.4: the URL names the workflow, so its path parameter is documented (InvokeAI's document omits it).",
        ["PUT /api/v1/workflows/i/{workflow_id}/thumbnail response 200"] =
            "Contract §8: the thumbnail PUT answers the JSON literal null, as InvokeAI's server does (its document says a record).",
        ["DELETE /api/v1/workflows/i/{workflow_id}/thumbnail response 200"] =
            "Contract §8: the thumbnail DELETE answers the JSON literal null, as InvokeAI's server does (its document says a record).",
        ["GET /api/v1/app/version response 200"] =
            "Invoke also sends highlights (an empty list), which InvokeAI's UI reads when present.",
        ["PATCH /api/v2/models/i/{key} body"] =
            "Part A.3: only the fields a local model's record can change are read; InvokeAI's source, key, hash, path and provider fields are ignored.",
        ["POST /api/v2/models/install body"] =
            "Part A.3: the install body is read as for PATCH /i/{key} (registering a local path in place).",
        ["POST /api/v2/models/install parameters"] =
            "Part A.3: installs are local paths only, so there is no access_token for a remote source.",
        ["POST /api/v2/models/install response 201"] =
            "Part A.3: a local install job has no source metadata and no download parts; they are documented as any value.",
        ["GET /api/v2/models/install/{id} response 200"] =
            "Part A.3: as POST /install.",
        ["DELETE /api/v2/models/install/{id} missing"] =
            "Part A.3: local installs finish at once; there is no running job to cancel.",
    };

    [Fact]
    public async Task EveryInScopeOperation_MatchesInvokeAIs_ExceptTheListedDifferences()
    {
        var invokeAi = Load(SharedArtifacts.InvokeAiOpenApi);
        using var client = factory.CreateClient();
        var invoke = await GetAsync(client);

        var differences = Compare(invokeAi, invoke);

        differences.Keys.Except(KnownDifferences.Keys).Select(key => $"{key}: {differences[key]}")
            .Should().BeEmpty("every difference from InvokeAI's document is either fixed or listed with its reason");
        KnownDifferences.Keys.Except(differences.Keys)
            .Should().BeEmpty("a listed difference that no longer occurs should be taken off the list");
    }

    [Fact]
    public async Task WorkflowList_DocumentsEveryQueryParameterWithItsTypeAndDefault()
    {
        using var client = factory.CreateClient();
        var operation = Operations(await GetAsync(client))["GET /api/v1/workflows/"];

        var parameters = operation.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);

        parameters.Keys.Should().Equal("page", "per_page", "order_by", "direction", "categories", "tags", "query", "has_been_opened", "is_public", "callable");
        parameters["page"].GetProperty("schema").GetProperty("default").GetInt32().Should().Be(0);
        parameters["order_by"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .Should().Equal("created_at", "updated_at", "opened_at", "name", "is_public");
        parameters["direction"].GetProperty("schema").GetProperty("default").GetString().Should().Be("ASC");
        // An array in the query with OpenAPI's default style (form, exploded): the key repeats.
        parameters["categories"].GetProperty("schema").GetProperty("type").GetString().Should().Be("array");
        parameters["categories"].TryGetProperty("style", out _).Should().BeFalse();
    }

    [Fact]
    public async Task ErrorResponses_AreDocumentedInInvokeAIsShapes()
    {
        using var client = factory.CreateClient();
        var document = await GetAsync(client);
        var operation = Operations(document)["PATCH /api/v1/workflows/i/{workflow_id}"];
        var responses = operation.GetProperty("responses");

        var validation = PropertiesOf(document, ContentSchema(responses.GetProperty("422"), out _));
        validation.Properties.Should().Equal(new Dictionary<string, string> { ["detail"] = "array<object>" });
        var item = PropertiesOf(document, Resolve(document, ContentSchema(responses.GetProperty("422"), out _)!.Value).GetProperty("properties").GetProperty("detail").GetProperty("items"));
        item.Required.Should().BeEquivalentTo("type", "loc", "msg", "input");
        foreach (var status in new[] { "401", "403", "404", "415" })
        {
            PropertiesOf(document, ContentSchema(responses.GetProperty(status), out _)).Properties
                .Should().Equal(new Dictionary<string, string> { ["detail"] = "string" }, "status {0} answers {{\"detail\": \"…\"}}", status);
        }

        operation.GetProperty("security")[0].GetProperty("HTTPBearer").GetArrayLength().Should().Be(0);
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("HTTPBearer").GetProperty("scheme").GetString().Should().Be("bearer");
    }

    [Fact]
    public async Task ThumbnailUpload_IsDocumentedAsAMultipartFile()
    {
        using var client = factory.CreateClient();
        var document = await GetAsync(client);
        var body = Operations(document)["PUT /api/v1/workflows/i/{workflow_id}/thumbnail"].GetProperty("requestBody");

        var schema = ContentSchema(body, out var contentType);

        contentType.Should().Be("multipart/form-data");
        var image = Resolve(document, schema!.Value).GetProperty("properties").GetProperty("image");
        image.GetProperty("format").GetString().Should().Be("binary");
    }

    private static Dictionary<string, string> Compare(JsonElement invokeAi, JsonElement invoke)
    {
        var differences = new Dictionary<string, string>(StringComparer.Ordinal);
        var ours = Operations(invoke);
        foreach (var (key, theirs) in Operations(invokeAi).Where(o => Scope.Any(s => o.Key.Split(' ')[1].StartsWith(s, StringComparison.Ordinal))))
        {
            if (!ours.TryGetValue(key, out var mine))
            {
                differences[$"{key} missing"] = "not in Invoke's document";
                continue;
            }

            var unsupported = mine.GetProperty("responses").TryGetProperty("501", out _);
            Check(differences, $"{key} operationId", Text(theirs, "operationId") ?? "none", Text(mine, "operationId") ?? "none");
            Check(differences, $"{key} security", theirs.TryGetProperty("security", out _).ToString(), mine.TryGetProperty("security", out _).ToString());
            Check(differences, $"{key} parameters", Parameters(invokeAi, theirs, pathOnly: unsupported), Parameters(invoke, mine, pathOnly: unsupported));
            if (unsupported)
            {
                // Part A.2.10: answered 501 after InvokeAI's access checks; nothing else to compare.
                continue;
            }

            Check(differences, $"{key} body", Body(invokeAi, theirs), Body(invoke, mine));
            var theirCodes = SuccessCodes(theirs);
            var ourCodes = SuccessCodes(mine);
            if (!ourCodes.All(theirCodes.Contains) || ourCodes.Count == 0)
            {
                differences[$"{key} success codes"] = $"InvokeAI {string.Join(",", theirCodes)}, Invoke {string.Join(",", ourCodes)}";
            }

            foreach (var code in ourCodes.Intersect(theirCodes))
            {
                Check(differences, $"{key} response {code}", Response(invokeAi, theirs, code), Response(invoke, mine, code));
            }
        }

        return differences;
    }

    private static void Check(Dictionary<string, string> differences, string key, string invokeAi, string invoke)
    {
        if (invokeAi != invoke)
        {
            differences[key] = $"InvokeAI {invokeAi} / Invoke {invoke}";
        }
    }

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static string Parameters(JsonElement document, JsonElement operation, bool pathOnly)
    {
        if (!operation.TryGetProperty("parameters", out var parameters))
        {
            return "[]";
        }

        return "[" + string.Join(", ", parameters.EnumerateArray()
            .Where(p => !pathOnly || p.GetProperty("in").GetString() == "path")
            .Select(p => $"{p.GetProperty("in").GetString()}:{p.GetProperty("name").GetString()}:{TypeOf(document, p.TryGetProperty("schema", out var s) ? s : null)}"
                + (p.TryGetProperty("required", out var r) && r.GetBoolean() ? ":required" : string.Empty))
            .Order(StringComparer.Ordinal)) + "]";
    }

    private static string Body(JsonElement document, JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var body))
        {
            return "none";
        }

        var schema = ContentSchema(body, out var contentType);
        var (properties, required) = PropertiesOf(document, schema);
        return $"{contentType} {{{string.Join(", ", properties.Select(p => $"{p.Key}:{p.Value}"))}}} required [{string.Join(", ", required)}]";
    }

    private static List<string> SuccessCodes(JsonElement operation) =>
        [.. operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Where(c => c.StartsWith('2')).Order(StringComparer.Ordinal)];

    /// <summary>The response's type and, for objects, its fields and their types (which fields are always sent is not compared).</summary>
    private static string Response(JsonElement document, JsonElement operation, string code)
    {
        var response = operation.GetProperty("responses").GetProperty(code);
        var schema = ContentSchema(response, out _);
        var type = TypeOf(document, schema);
        if (type != "object")
        {
            return type;
        }

        var (properties, _) = PropertiesOf(document, schema);
        return $"{{{string.Join(", ", properties.Select(p => $"{p.Key}:{p.Value}"))}}}";
    }
}
