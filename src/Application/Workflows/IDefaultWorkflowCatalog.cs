using Invoke.Domain.Workflows;

namespace Invoke.Application.Workflows;

/// <summary>The default workflows this server ships, with their bundled thumbnails.</summary>
public interface IDefaultWorkflowCatalog
{
    IReadOnlyList<DefaultWorkflow> Workflows { get; }

    /// <summary>The bundled PNG thumbnail of a default workflow, or null when it has none.</summary>
    Stream? OpenThumbnail(string workflowId);
}

public sealed record DefaultWorkflow(string Id, WorkflowDocument Document, bool HasThumbnail);
