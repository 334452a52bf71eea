using Invoke.Domain.Models.Rules;
using Invoke.Domain.Rules;
using Invoke.Domain.Time;
using System.Text.Json.Nodes;
using System.Text.Json;

namespace Invoke.Domain.Models;

/// <summary>
/// A registered model: InvokeAI's config document, plus the fields lists filter and sort on, kept
/// in step with the document by this class. Models have no owner: every user may use every model,
/// and only administrators change the registry.
/// </summary>
public sealed class Model
{
    private static readonly JsonSerializerOptions DocumentOptions = new() { WriteIndented = false };

    private Model()
    {
    }

    public string Key { get; private set; } = null!;

    public string Name { get; private set; } = null!;

    public string Base { get; private set; } = null!;

    public string Type { get; private set; } = null!;

    public string Format { get; private set; } = null!;

    /// <summary>Relative to the models directory when inside it, else absolute; always with <c>/</c>.</summary>
    public string Path { get; private set; } = null!;

    public string Hash { get; private set; } = null!;

    public string? Description { get; private set; }

    /// <summary>Where the model came from, as the installer was given it.</summary>
    public string Source { get; private set; } = null!;

    public string SourceType { get; private set; } = null!;

    public long FileSize { get; private set; }

    /// <summary>The config document as JSON, including every field above.</summary>
    public string Config { get; private set; } = null!;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Whether the model lives on disk (external API models do not).</summary>
    public bool HasFiles => Base != ModelTaxonomy.ExternalBase && Format != ModelTaxonomy.ExternalApiFormat;

    /// <summary>A model the installer found, with the administrator's overrides applied.</summary>
    public static Model Register(ModelRegistration registration, ModelChanges overrides, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(overrides);
        var time = StoredTime.ToMilliseconds(now);
        var model = new Model
        {
            Key = Guid.NewGuid().ToString(),
            Name = registration.Name,
            Base = registration.Classification.Base,
            Type = registration.Classification.Type,
            Format = registration.Classification.Format,
            Path = registration.Path,
            Hash = registration.Hash,
            Source = registration.Source,
            SourceType = ModelTaxonomy.PathSourceType,
            FileSize = registration.FileSize,
            CreatedAt = time,
        };

        var document = new JsonObject
        {
            ["key"] = model.Key,
            ["hash"] = model.Hash,
            ["path"] = model.Path,
            ["file_size"] = model.FileSize,
            ["name"] = model.Name,
            ["source"] = model.Source,
            ["source_type"] = model.SourceType,
        };
        model.Apply(document, overrides, time);
        return model;
    }

    /// <summary>
    /// A record brought over from another installation (InvokeAI): its key, times and config
    /// document, with <paramref name="path"/> as this server records it. Missing required fields
    /// throw <see cref="ArgumentException"/>.
    /// </summary>
    public static Model Import(string key, JsonObject config, string path, DateTime createdAt, DateTime updatedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(path);
        config["key"] = key;
        config["path"] = path;
        var model = new Model
        {
            Key = key,
            Name = RequiredText(config, "name"),
            Base = RequiredText(config, "base"),
            Type = RequiredText(config, "type"),
            Format = RequiredText(config, "format"),
            Path = path,
            Hash = RequiredText(config, "hash"),
            Description = config["description"] is JsonValue description && description.TryGetValue<string>(out var text) ? text : null,
            Source = RequiredText(config, "source"),
            SourceType = RequiredText(config, "source_type"),
            FileSize = config["file_size"] is JsonValue size && size.TryGetValue<long>(out var bytes) ? bytes : 0,
            Config = config.ToJsonString(DocumentOptions),
            CreatedAt = StoredTime.ToMilliseconds(createdAt),
            UpdatedAt = StoredTime.ToMilliseconds(updatedAt),
        };
        return model;
    }

    private static string RequiredText(JsonObject config, string field) =>
        config[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new ArgumentException($"The model config has no '{field}'.", nameof(config));

    public void Update(ModelChanges changes, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var document = JsonNode.Parse(Config)?.AsObject()
            ?? throw new InvalidOperationException($"Model '{Key}' has no config document.");
        if (ModelConfigKinds.Find(Type, Format, Base) is null)
        {
            // Stored before the registry kept to InvokeAI's classes; it has been read as unknown since.
            (Base, Type, Format) = (ModelTaxonomy.UnknownBase, ModelTaxonomy.UnknownType, ModelTaxonomy.UnknownFormat);
        }

        Apply(document, changes, StoredTime.ToMilliseconds(now));
    }

    /// <summary>
    /// Applies the changes to the columns and the document together. The result must be one of
    /// InvokeAI's config classes; the document is rewritten in that class's shape, so a record never
    /// lacks a field its class requires nor keeps one that belongs to its previous class.
    /// </summary>
    private void Apply(JsonObject document, ModelChanges changes, DateTime time)
    {
        var modelBase = changes.Base ?? Base;
        var type = changes.Type ?? Type;
        var format = changes.Format ?? Format;
        var kind = ModelConfigKinds.Find(type, format, modelBase);
        BusinessRule.Check(new ModelMustBeOfAConfigClassInvokeAiDefinesRule(type, format, modelBase, kind));
        var fields = changes.DocumentFields().ToList();
        foreach (var (field, value) in fields)
        {
            if (kind!.Field(field) is { } classField)
            {
                BusinessRule.Check(new ModelSettingMustSuitItsConfigClassRule(classField, value));
            }
        }

        Name = changes.Name ?? Name;
        Description = changes.Description is { } description ? description.Value : Description;
        Base = modelBase;
        Type = type;
        Format = format;
        foreach (var (field, value) in fields)
        {
            document[field] = value;
        }

        Config = kind!.Shape(document).ToJsonString(DocumentOptions);
        UpdatedAt = time;
    }
}

/// <summary>What the installer found at a location: the facts a new model record starts from.</summary>
public sealed record ModelRegistration(
    string Path,
    string Hash,
    long FileSize,
    string Name,
    string Source,
    ModelClassification Classification);
