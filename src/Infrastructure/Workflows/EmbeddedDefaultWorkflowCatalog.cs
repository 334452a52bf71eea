using System.Reflection;
using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;

namespace Invoke.Infrastructure.Workflows;

/// <summary>
/// The default workflows compiled into this assembly (<c>Workflows/Defaults/*.json</c>), each with an
/// optional thumbnail <c>&lt;id&gt;.png</c> beside it.
/// </summary>
internal sealed class EmbeddedDefaultWorkflowCatalog : IDefaultWorkflowCatalog
{
    private const string Prefix = "DefaultWorkflows/";
    private static readonly Assembly Resources = typeof(EmbeddedDefaultWorkflowCatalog).Assembly;

    private readonly Lazy<IReadOnlyList<DefaultWorkflow>> _workflows = new(Load);

    public IReadOnlyList<DefaultWorkflow> Workflows => _workflows.Value;

    public Stream? OpenThumbnail(string workflowId) =>
        workflowId.StartsWith(WorkflowLimits.DefaultIdPrefix, StringComparison.Ordinal)
            ? Resources.GetManifestResourceStream($"{Prefix}{workflowId}.png")
            : null;

    private static List<DefaultWorkflow> Load()
    {
        var names = Resources.GetManifestResourceNames();
        var workflows = new List<DefaultWorkflow>();
        foreach (var name in names.Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = Resources.GetManifestResourceStream(name)!;
            using var json = JsonDocument.Parse(stream);
            var errors = new List<RequestValidationError>();
            var document = WorkflowDocumentReader.Read(json.RootElement, [name], errors);
            var id = WorkflowDocumentReader.ReadId(json.RootElement, [name], errors);
            if (document is null || id is null || errors.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Bundled default workflow {name} is invalid: {string.Join("; ", errors.Select(e => $"{string.Join('.', e.Loc)}: {e.Msg}"))}");
            }

            var hasThumbnail = names.Contains($"{Prefix}{id}.png", StringComparer.Ordinal);
            workflows.Add(new DefaultWorkflow(id, document, hasThumbnail));
        }

        return workflows;
    }
}
