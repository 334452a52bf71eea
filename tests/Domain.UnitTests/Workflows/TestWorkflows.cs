using System.Text.Json;
using System.Text.Json.Nodes;
using Invoke.Domain.Users;
using Invoke.Domain.Workflows;

namespace Invoke.Domain.UnitTests.Workflows;

/// <summary>Callers, documents and workflows the domain tests build on.</summary>
internal static class TestWorkflows
{
    public static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    public static readonly Actor Owner = new("owner", IsAdmin: false);
    public static readonly Actor Other = new("other", IsAdmin: false);
    public static readonly Actor Admin = new("admin", IsAdmin: true);

    /// <summary>The workflow's owner, or an administrator who does not own it.</summary>
    public static Actor OwnerOr(bool administrator) => administrator ? Admin : Owner;

    public static WorkflowDocument Document(
        string name = "Workflow",
        string tags = "",
        string description = "description",
        WorkflowCategory category = WorkflowCategory.User,
        int workflowReturnNodes = 0,
        JsonElement? form = null)
    {
        var nodes = new JsonArray { Node("noise-1", "noise") };
        for (var i = 0; i < workflowReturnNodes; i++)
        {
            nodes.Add(Node($"return-{i}", WorkflowDocument.WorkflowReturnNodeType));
        }

        return new WorkflowDocument(
            name,
            "author",
            description,
            "1.0.0",
            "contact@example.com",
            tags,
            "notes",
            [new ExposedField("noise-1", "seed")],
            new WorkflowMeta("3.0.0", category),
            JsonSerializer.SerializeToElement(nodes),
            JsonSerializer.SerializeToElement(new JsonArray()),
            form);
    }

    public static JsonObject Node(string id, string dataType, string type = "invocation") => new()
    {
        ["id"] = id,
        ["type"] = type,
        ["data"] = new JsonObject { ["id"] = id, ["type"] = dataType, ["inputs"] = new JsonObject() },
    };

    /// <summary>A user workflow of <paramref name="owner"/> (default: <see cref="Owner"/>).</summary>
    public static Workflow UserWorkflow(
        Actor? owner = null, string name = "Workflow", string tags = "", bool isPublic = false, DateTime? at = null) =>
        Workflow.Create(owner ?? Owner, Document(name, tags), isPublic, at ?? Now);

    public static Workflow DefaultWorkflow(string id = "default_basic", string name = "Basic", string tags = "") =>
        Workflow.CreateDefault(id, Document(name, tags, category: WorkflowCategory.Default), hasThumbnail: true, Now);

    public static JsonElement StoredDocument(this Workflow workflow) => JsonDocument.Parse(workflow.Document).RootElement;
}
