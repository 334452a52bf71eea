using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Invoke.Application.Validation;
using Invoke.Domain.Models;

namespace Invoke.Application.Models;

/// <summary>
/// The fields of a <c>ModelRecordChanges</c> body, located under <c>body</c>: base, type and format
/// must be values of InvokeAI's enums, and each setting of the type <c>ModelRecordChanges</c> declares.
/// Whether a value suits the model's config class is the model's own rule.
/// </summary>
internal sealed class ModelChangesValidator : AbstractValidator<ModelChanges>
{
    private static readonly IReadOnlyList<string> Variants = [.. ModelConfigKinds.AllVariants];

    public ModelChangesValidator()
    {
        RuleFor(c => c.Name)
            .Must(name => name is null || name.Trim().Length is > 0 and <= ModelLimits.MaxNameLength)
            .AsValueError(_ => $"A model name must have 1 to {ModelLimits.MaxNameLength} characters")
            .OverridePropertyName("body.name");
        RuleFor(c => c.Name).WithoutNul().OverridePropertyName("body.name");
        RuleFor(c => c.Description.HasValue ? c.Description.Value.Value : null).WithoutNul().OverridePropertyName("body.description");
        RuleFor(c => c.Base).IsOneOf(ModelTaxonomy.Bases).OverridePropertyName("body.base");
        RuleFor(c => c.Type).IsOneOf(ModelTaxonomy.Types).OverridePropertyName("body.type");
        RuleFor(c => c.Format).IsOneOf(ModelTaxonomy.Formats).OverridePropertyName("body.format");
        RuleFor(c => c.Settings).Custom((settings, context) =>
        {
            foreach (var (field, value) in settings ?? new Dictionary<string, JsonElement>())
            {
                if (value.ValueKind != JsonValueKind.Null && Check(field, value) is { } failure)
                {
                    context.AddFailure(failure);
                }
            }
        });
    }

    private static ValidationFailure? Check(string field, JsonElement value)
    {
        var location = "body." + field;
        return field switch
        {
            "variant" => OneOf(location, value, Variants),
            "prediction_type" => OneOf(location, value, ModelConfigKinds.PredictionTypes),
            "repo_variant" => OneOf(location, value, ModelConfigKinds.RepoVariants),
            "config_path" or "source_url" => value.ValueKind != JsonValueKind.String
                ? TypeFailure(location, value, "string_type", "Input should be a valid string")
                : value.GetString()!.Contains('\0', StringComparison.Ordinal) ? NulFailure(location, value) : null,
            "cpu_only" or "upcast_attention" => value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? null
                : TypeFailure(location, value, "bool_type", "Input should be a valid boolean"),
            "default_settings" => value.ValueKind == JsonValueKind.Object
                ? null
                : TypeFailure(location, value, "model_attributes_type", "Input should be a valid dictionary or object to extract fields from"),
            "trigger_phrases" => TriggerPhrases(location, value),
            _ => null,
        };
    }

    private static ValidationFailure? OneOf(string location, JsonElement value, IReadOnlyList<string> values) =>
        value.ValueKind == JsonValueKind.String && values.Contains(value.GetString()!, StringComparer.Ordinal)
            ? null
            : ModelEnumRules.Failure(location, value, values);

    private static ValidationFailure? TriggerPhrases(string location, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return TypeFailure(location, value, "set_type", "Input should be a valid set");
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return TypeFailure($"{location}.{index}", item, "string_type", "Input should be a valid string");
            }

            if (item.GetString()!.Contains('\0', StringComparison.Ordinal))
            {
                return NulFailure($"{location}.{index}", item);
            }

            index++;
        }

        return null;
    }

    private static ValidationFailure NulFailure(string location, JsonElement value) =>
        new(location, "Value error, " + ValidationRuleExtensions.NulMessage, value)
        {
            ErrorCode = "value_error",
            CustomState = new Dictionary<string, object?> { ["error"] = ValidationRuleExtensions.NulMessage },
        };

    private static ValidationFailure TypeFailure(string location, JsonElement value, string type, string message) =>
        new(location, message, value) { ErrorCode = type };
}
