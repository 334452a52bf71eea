using System.Text.Json;
using Invoke.Domain.Workflows;

namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>Workflow documents for tests, shaped like the ones InvokeAI's editor saves.</summary>
public static class WorkflowDocuments
{
    public static WorkflowDocument Create(
        string name = "My workflow",
        string description = "A workflow for tests",
        string tags = "",
        int workflowReturnNodes = 0,
        WorkflowCategory category = WorkflowCategory.User,
        string metaVersion = "3.0.0")
    {
        var nodes = new List<object>
        {
            Node("noise-1", "noise"),
            Node("denoise-1", "denoise_latents"),
        };
        for (var i = 0; i < workflowReturnNodes; i++)
        {
            nodes.Add(Node($"return-{i}", WorkflowDocument.WorkflowReturnNodeType));
        }

        var edges = new[]
        {
            new { id = "edge-1", type = "default", source = "noise-1", target = "denoise-1", sourceHandle = "noise", targetHandle = "noise" },
        };

        return new WorkflowDocument(
            name,
            "Tester",
            description,
            "1.0.0",
            "tester@example.com",
            tags,
            "notes",
            [new ExposedField("noise-1", "seed")],
            new WorkflowMeta(metaVersion, category),
            JsonSerializer.SerializeToElement(nodes),
            JsonSerializer.SerializeToElement(edges),
            Form: null);
    }

    private static object Node(string id, string type) => new
    {
        id,
        type = "invocation",
        position = new { x = 0, y = 0 },
        data = new { id, type, version = "1.0.0", label = "", notes = "", isOpen = true, inputs = new { } },
    };
}
