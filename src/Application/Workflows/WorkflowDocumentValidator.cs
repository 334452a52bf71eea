using System.Text.RegularExpressions;
using FluentValidation;
using Invoke.Application.Validation;
using Invoke.Domain.Workflows;

namespace Invoke.Application.Workflows;

/// <summary>The checks InvokeAI's workflow model makes beyond field types, located under the document.</summary>
internal sealed partial class WorkflowDocumentValidator : AbstractValidator<WorkflowDocument>
{
    public WorkflowDocumentValidator()
    {
        foreach (var field in WorkflowLimits.TextFields)
        {
            RuleFor(d => (string?)field.Value(d)).AtMostCharacters(field.MaxLength).OverridePropertyName(field.Field);
        }

        RuleFor(d => d.Tags)
            .Must(tags => WorkflowLimits.TagCount(tags) <= WorkflowLimits.MaxTagCount)
            .AsValueError(tags => $"At most {WorkflowLimits.MaxTagCount} tags are allowed, not counting '{WorkflowTags.Shared}' (got {WorkflowLimits.TagCount(tags)})")
            .OverridePropertyName("tags");
        RuleFor(d => d.Tags)
            .Must(tags => WorkflowLimits.TagsLength(tags) <= WorkflowLimits.MaxTagsLength)
            .When(d => d.Tags.Length <= WorkflowLimits.MaxTagsTextLength)
            .AsValueError(_ => $"The tags may total at most {WorkflowLimits.MaxTagsLength} characters, joined by \", \" and not counting '{WorkflowTags.Shared}'")
            .OverridePropertyName("tags");
        RuleForEach(d => d.ExposedFields)
            .OverrideIndexer((_, _, _, index) => "." + index)
            .ChildRules(field =>
            {
                field.RuleFor(f => (string?)f.NodeId).AtMostCharacters(WorkflowLimits.MaxExposedFieldTextLength).OverridePropertyName("nodeId");
                field.RuleFor(f => (string?)f.FieldName).AtMostCharacters(WorkflowLimits.MaxExposedFieldTextLength).OverridePropertyName("fieldName");
            })
            .OverridePropertyName("exposedFields");

        // These three are stored as columns as well as in the document, and PostgreSQL text cannot hold U+0000.
        RuleFor(d => (string?)d.Name).WithoutNul().OverridePropertyName("name");
        RuleFor(d => (string?)d.Description).WithoutNul().OverridePropertyName("description");
        RuleFor(d => (string?)d.Tags).WithoutNul().OverridePropertyName("tags");

        RuleFor(d => d.Meta.Version)
            .Must(version => SemanticVersion().IsMatch(version))
            .When(d => d.Meta.Version.Length <= WorkflowLimits.MaxMetaVersionLength)
            .AsValueError(version => $"Invalid workflow meta version: {version}")
            .OverridePropertyName("meta.version");

        RuleFor(d => d)
            .Must(d => d.CountWorkflowReturnNodes() <= 1)
            .AsValueError(_ => "A workflow may not contain more than one workflow_return node.")
            .OverridePropertyName(string.Empty);
    }

    /// <summary>Semantic Versioning 2.0.0, as InvokeAI's <c>semver.Version.parse</c> accepts it.</summary>
    [GeneratedRegex(
        @"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex SemanticVersion();
}
