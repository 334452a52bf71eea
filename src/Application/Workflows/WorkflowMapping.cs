using System.Globalization;
using Invoke.Domain.Workflows;

namespace Invoke.Application.Workflows;

/// <summary>How workflow fields are written on the wire.</summary>
internal static class WorkflowMapping
{
    /// <summary>InvokeAI sends workflow times as SQLite text: UTC, space-separated, milliseconds.</summary>
    public static string FormatTimestamp(DateTime time) =>
        time.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string? FormatTimestamp(DateTime? time) => time is { } value ? FormatTimestamp(value) : null;

    /// <summary>Relative, with a throw-away query so that browsers fetch a replaced thumbnail.</summary>
    public static string? ThumbnailUrl(string workflowId, bool hasThumbnail) =>
        hasThumbnail ? $"api/v1/workflows/i/{workflowId}/thumbnail?{Guid.NewGuid()}" : null;

    public static WorkflowCallCompatibilityDto ToDto(this WorkflowCallCompatibility compatibility) =>
        new(compatibility.IsCallable, compatibility.Reason, compatibility.Message);

    public static WorkflowCallCompatibilityDto CompatibilityOf(int workflowReturnNodeCount) =>
        WorkflowCallCompatibility.FromWorkflowReturnNodeCount(workflowReturnNodeCount).ToDto();

    public static WorkflowRecordDto ToRecordDto(this Workflow workflow) => new(
        workflow.Id,
        workflow.Name,
        FormatTimestamp(workflow.CreatedAt),
        FormatTimestamp(workflow.UpdatedAt),
        FormatTimestamp(workflow.OpenedAt),
        workflow.OwnerId,
        workflow.IsPublic,
        new RawJson(workflow.Document),
        WorkflowETag.Of(workflow.Version));
}
