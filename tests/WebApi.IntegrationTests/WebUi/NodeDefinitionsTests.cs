using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Invoke.Tests.Shared;
using Invoke.WebApi.IntegrationTests.Testing;
using Invoke.WebApi.WebUi;

namespace Invoke.WebApi.IntegrationTests.WebUi;

/// <summary>InvokeAI's invocation schemas in Invoke's <c>/openapi.json</c>, so that the workflow editor knows the nodes.</summary>
public sealed class NodeDefinitionsTests
{
    [Fact]
    public async Task InvokeAisOwnDocument_EveryInvocationSchemaAndWhatItReferences_AreServedBesideInvokesOperations()
    {
        var invokeAi = JsonNode.Parse(await File.ReadAllTextAsync(SharedArtifacts.InvokeAiOpenApi))!["components"]!["schemas"]!.AsObject();
        var invocations = invokeAi.Where(s => (string?)s.Value!["class"] == "invocation").Select(s => s.Key).ToList();
        await using var factory = new NodeDefinitionsApiFactory(SharedArtifacts.InvokeAiOpenApi);

        var document = await ServedDocumentAsync(factory);

        var schemas = document["components"]!["schemas"]!.AsObject();
        invocations.Should().HaveCountGreaterThan(100);
        schemas.Select(s => s.Key).Should().Contain(invocations);
        schemas["add"].Should().BeNull("schemas are named as InvokeAI names them");
        schemas["AddInvocation"]!.ToJsonString().Should().Be(invokeAi["AddInvocation"]!.ToJsonString());
        schemas.Should().ContainKey("IntegerOutput", "an invocation's output schema comes with it");
        document["paths"]!.AsObject().Select(p => p.Key).Should().Contain("/api/v1/workflows/i/{workflow_id}").And.NotContain("/api/v1/images/");
        UnresolvedReferences(document).Should().BeEmpty("every schema an invocation references is served too");
    }

    [Fact]
    public async Task OnlyInvocationsAndTheSchemasTheyReferenceTransitively_AreAdded()
    {
        var file = await WriteDefinitionsAsync("""
            {"components": {"schemas": {
              "ColorInvocation": {"class": "invocation", "properties": {"color": {"$ref": "#/components/schemas/ColorField"}},
                                  "output": {"$ref": "#/components/schemas/ColorOutput"}},
              "ColorField": {"properties": {"r": {"$ref": "#/components/schemas/Channel"}}},
              "Channel": {"type": "integer"},
              "ColorOutput": {"class": "output", "properties": {"color": {"anyOf": [{"$ref": "#/components/schemas/ColorField"}, {"type": "null"}]}}},
              "BoardDTO": {"properties": {"board_id": {"type": "string"}}}
            }}}
            """);
        await using var factory = new NodeDefinitionsApiFactory(file);

        var schemas = (await ServedDocumentAsync(factory))["components"]!["schemas"]!.AsObject();

        schemas.Select(s => s.Key).Should().Contain(["ColorInvocation", "ColorField", "Channel", "ColorOutput"]).And.NotContain("BoardDTO");
        File.Delete(file);
    }

    [Fact]
    public void ASchemaNameInvokeAlreadyDefines_KeepsInvokesSchema()
    {
        var document = JsonNode.Parse("""{"components": {"schemas": {"Shared": {"title": "Invoke's"}}}}""")!.AsObject();
        var definitions = NodeDefinitionsSource.Extract(JsonNode.Parse("""
            {"components": {"schemas": {
              "XInvocation": {"class": "invocation", "properties": {"s": {"$ref": "#/components/schemas/Shared"}}},
              "Shared": {"title": "InvokeAI's"}
            }}}
            """));

        var kept = NodeDefinitionsMiddleware.Merge(document, definitions);

        kept.Should().Equal("Shared");
        document["components"]!["schemas"]!["Shared"]!["title"]!.GetValue<string>().Should().Be("Invoke's");
        document["components"]!["schemas"]!.AsObject().Should().ContainKey("XInvocation");
    }

    [Fact]
    public void ADocumentWithoutInvocations_IsRefusedWithAReason()
    {
        var act = () => NodeDefinitionsSource.Extract(JsonNode.Parse("""{"components": {"schemas": {"BoardDTO": {}}}}"""));

        act.Should().Throw<InvalidDataException>().WithMessage("*no invocation schemas*");
    }

    [Fact]
    public async Task DefinitionsThatCannotBeRead_LeaveTheDocumentAsItWas()
    {
        await using var withDefinitions = new NodeDefinitionsApiFactory(Path.Combine(Path.GetTempPath(), "no-such-openapi-" + Guid.NewGuid().ToString("N") + ".json"));
        await using var without = new InvokeApiFactory();

        var served = await ServedDocumentAsync(withDefinitions);
        var plain = await ServedDocumentAsync(without);

        served.ToJsonString().Should().Be(plain.ToJsonString());
    }

    private static async Task<JsonNode> ServedDocumentAsync(InvokeApiFactory factory)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/openapi.json");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    private static async Task<string> WriteDefinitionsAsync(string json)
    {
        var file = Path.Combine(Path.GetTempPath(), "invoke-it-nodes-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, json);
        return file;
    }

    private static List<string> UnresolvedReferences(JsonNode document)
    {
        var schemas = document["components"]!["schemas"]!.AsObject();
        var missing = new List<string>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key == "$ref" && value!.GetValueKind() == JsonValueKind.String)
                        {
                            var name = value.GetValue<string>().Split('/')[^1];
                            if (!schemas.ContainsKey(name))
                            {
                                missing.Add(name);
                            }
                        }
                        else
                        {
                            Walk(value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        Walk(schemas);
        return missing.Distinct().ToList();
    }
}
