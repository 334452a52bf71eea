using System.Text.Json;
using System.Text.Json.Nodes;
using Invoke.Domain.Workflows;
using static Invoke.Domain.UnitTests.Workflows.TestWorkflows;

namespace Invoke.Domain.UnitTests.Workflows;

public sealed class WorkflowDocumentTests
{
    [Fact]
    public void ToJson_Always_WritesInvokeAiFieldOrderEndingWithTheId()
    {
        var json = Parse(Document().ToJson("wf-1"));

        json.EnumerateObject().Select(p => p.Name).Should().Equal(
            "name", "author", "description", "version", "contact", "tags", "notes", "exposedFields", "meta", "nodes", "edges", "form", "id");
        json.GetProperty("id").GetString().Should().Be("wf-1");
        json.GetProperty("meta").EnumerateObject().Select(p => p.Name).Should().Equal("version", "category");
        json.GetProperty("exposedFields")[0].EnumerateObject().Select(p => p.Name).Should().Equal("nodeId", "fieldName");
    }

    [Fact]
    public void ToJson_Always_WritesEveryValueAsGiven()
    {
        var document = new WorkflowDocument(
            "Name ü <&>", "Author", "Desc", "2.1.0", "me@example.com", "x, y", "Notes \"quoted\"",
            [new ExposedField("n1", "seed"), new ExposedField("n2", "prompt")],
            new WorkflowMeta("3.0.0", WorkflowCategory.User),
            JsonSerializer.SerializeToElement(new JsonArray { Node("n1", "noise") }),
            JsonSerializer.SerializeToElement(new JsonArray { new JsonObject { ["source"] = "n1", ["target"] = "n2" } }),
            null);

        var json = Parse(document.ToJson("wf-1"));

        json.GetProperty("name").GetString().Should().Be("Name ü <&>");
        json.GetProperty("author").GetString().Should().Be("Author");
        json.GetProperty("description").GetString().Should().Be("Desc");
        json.GetProperty("version").GetString().Should().Be("2.1.0");
        json.GetProperty("contact").GetString().Should().Be("me@example.com");
        json.GetProperty("tags").GetString().Should().Be("x, y");
        json.GetProperty("notes").GetString().Should().Be("Notes \"quoted\"");
        json.GetProperty("exposedFields")[1].GetProperty("fieldName").GetString().Should().Be("prompt");
        json.GetProperty("meta").GetProperty("version").GetString().Should().Be("3.0.0");
        json.GetProperty("meta").GetProperty("category").GetString().Should().Be("user");
        json.GetProperty("nodes")[0].GetProperty("data").GetProperty("type").GetString().Should().Be("noise");
        json.GetProperty("edges")[0].GetProperty("target").GetString().Should().Be("n2");
    }

    [Fact]
    public void ToJson_WithoutForm_WritesNull()
    {
        var json = Parse(Document(form: null).ToJson("wf-1"));

        json.GetProperty("form").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void ToJson_WithForm_WritesItUnchanged()
    {
        var form = JsonSerializer.SerializeToElement(new JsonObject { ["rootElementId"] = "root", ["elements"] = new JsonObject { ["root"] = 1 } });

        var json = Parse(Document(form: form).ToJson("wf-1"));

        json.GetProperty("form").GetRawText().Should().Be(form.GetRawText());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void CountWorkflowReturnNodes_CountsInvocationsOfTypeWorkflowReturn(int count)
    {
        Document(workflowReturnNodes: count).CountWorkflowReturnNodes().Should().Be(count);
    }

    [Fact]
    public void CountWorkflowReturnNodes_IgnoresNodesThatAreNotWorkflowReturnInvocations()
    {
        var nodes = new JsonArray
        {
            Node("a", "workflow_return", type: "notes"),
            Node("b", "workflow_return_x"),
            new JsonObject { ["id"] = "c", ["type"] = "invocation" },
            new JsonObject { ["id"] = "d", ["type"] = "invocation", ["data"] = "workflow_return" },
            "workflow_return",
            Node("f", "workflow_return"),
        };

        WithNodes(JsonSerializer.SerializeToElement(nodes)).CountWorkflowReturnNodes().Should().Be(1);
    }

    [Fact]
    public void CountWorkflowReturnNodes_WhenTypesAreNotStrings_IgnoresThoseNodes()
    {
        var nodes = new JsonArray
        {
            new JsonObject { ["id"] = "a", ["type"] = 1, ["data"] = new JsonObject { ["type"] = "workflow_return" } },
            new JsonObject { ["id"] = "b", ["type"] = "invocation", ["data"] = new JsonObject { ["type"] = 1 } },
            new JsonObject { ["id"] = "c", ["type"] = "invocation", ["data"] = new JsonObject { ["type"] = new JsonArray() } },
            new JsonObject { ["id"] = "d", ["type"] = null, ["data"] = null },
            Node("e", "workflow_return"),
        };

        WithNodes(JsonSerializer.SerializeToElement(nodes)).CountWorkflowReturnNodes().Should().Be(1);
    }

    [Fact]
    public void CountWorkflowReturnNodes_WhenNodesAreNotAnArray_IsZero()
    {
        WithNodes(JsonSerializer.SerializeToElement(new JsonObject { ["0"] = Node("a", "workflow_return") }))
            .CountWorkflowReturnNodes().Should().Be(0);
    }

    private static WorkflowDocument WithNodes(JsonElement nodes) => Document() with { Nodes = nodes };

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
