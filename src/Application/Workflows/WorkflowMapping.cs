using System.Globalization;
using System.Linq.Expressions;
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

    /// <summary>What a list row shows, read straight from the columns (a projection the database runs).</summary>
    public static readonly Expression<Func<Workflow, WorkflowRecordListItemWithThumbnailDto>> ListItem = w => new WorkflowRecordListItemWithThumbnailDto(
        w.Id,
        w.Name,
        FormatTimestamp(w.CreatedAt),
        FormatTimestamp(w.UpdatedAt),
        FormatTimestamp(w.OpenedAt),
        w.OwnerId,
        w.IsPublic,
        w.Description,
        w.Category.ToWireName(),
        w.Tags,
        ThumbnailUrl(w.Id, w.HasThumbnail),
        CompatibilityOf(w.WorkflowReturnNodeCount));

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
