using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Invoke.Application.Errors;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;

namespace Invoke.Benchmarks.Dataset;

/// <summary>
/// Makes workflow documents from the three fixture templates (about 5, 10 and 20 KB): the node
/// graph keeps its shape, every UUID in it is replaced by a fresh one (consistently, so edges still
/// name their nodes), and name, description and tags are drawn from <see cref="Vocabulary"/>.
/// Documents are read with the API's own <see cref="WorkflowDocumentReader"/>.
/// </summary>
public sealed partial class DocumentFactory
{
    private const string NamePlaceholder = "\u0001name\u0001";
    private const string DescriptionPlaceholder = "\u0001description\u0001";
    private const string TagsPlaceholder = "\u0001tags\u0001";

    private static readonly string[] TemplateNames = ["small", "medium", "large"];

    private readonly Template[] _templates;

    public DocumentFactory()
    {
        _templates = TemplateNames.Select(name => Template.Parse(ReadTemplate(name))).ToArray();
    }

    /// <summary>The fixture template as a create request sends it (no <c>id</c>).</summary>
    public static string ReadTemplate(string name)
    {
        using var stream = typeof(DocumentFactory).Assembly.GetManifestResourceStream($"Templates/{name}.json")
            ?? throw new InvalidOperationException($"Template '{name}' is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>A new document's JSON: template by weight (40% small, 40% medium, 20% large), words from the vocabulary.</summary>
    public string NextJson(Random random, out string name, out string tags)
    {
        ArgumentNullException.ThrowIfNull(random);
        var roll = random.Next(10);
        var template = _templates[roll < 4 ? 0 : roll < 8 ? 1 : 2];
        name = NextName(random);
        tags = NextTags(random);
        return template.Render(random, name, NextDescription(random), tags);
    }

    /// <summary>A new document, read as the API reads a request body.</summary>
    public WorkflowDocument Next(Random random) => Read(NextJson(random, out _, out _));

    public static WorkflowDocument Read(string json)
    {
        using var parsed = JsonDocument.Parse(json);
        var errors = new List<RequestValidationError>();
        var document = WorkflowDocumentReader.Read(parsed.RootElement.Clone(), ["body", "workflow"], errors);
        return document ?? throw new InvalidOperationException($"A generated document is invalid: {errors[0].Msg}");
    }

    public static string NextName(Random random) =>
        $"{Pick(random, Vocabulary.Adjectives)} {Pick(random, Vocabulary.Subjects)} {Pick(random, Vocabulary.Kinds)}";

    private static string NextDescription(Random random)
    {
        var builder = new StringBuilder();
        var words = random.Next(10, 26);
        for (var i = 0; i < words; i++)
        {
            builder.Append(Pick(random, Vocabulary.DescriptionWords)).Append(' ');
        }

        return builder.Append("for ").Append(Vocabulary.ProjectCode(random.Next(Vocabulary.ProjectCodeCount))).ToString();
    }

    private static string NextTags(Random random)
    {
        var count = random.Next(1, 4);
        var tags = new List<string>(count);
        while (tags.Count < count)
        {
            var tag = Pick(random, Vocabulary.Tags);
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        return string.Join(", ", tags);
    }

    private static string Pick(Random random, IReadOnlyList<string> words) => words[random.Next(words.Count)];

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex UuidPattern();

    /// <summary>A compact template cut into literal text, UUID slots and the three metadata slots.</summary>
    private sealed class Template
    {
        private readonly List<string> _literals = [];
        private readonly List<int> _slots = [];
        private int _uuidCount;

        public static Template Parse(string json)
        {
            var node = JsonNode.Parse(json)!.AsObject();
            node["name"] = NamePlaceholder;
            node["description"] = DescriptionPlaceholder;
            node["tags"] = TagsPlaceholder;
            var compact = node.ToJsonString();

            // Placeholders come out JSON-escaped; find them in the escaped form.
            var escaped = new[] { NamePlaceholder, DescriptionPlaceholder, TagsPlaceholder }
                .Select(p => JsonSerializer.Serialize(p)[1..^1])
                .ToArray();
            var template = new Template();
            var uuids = new Dictionary<string, int>(StringComparer.Ordinal);
            var pattern = new Regex(
                string.Join("|", escaped.Select(Regex.Escape).Append(UuidPattern().ToString())),
                RegexOptions.CultureInvariant);
            var position = 0;
            foreach (Match match in pattern.Matches(compact))
            {
                template._literals.Add(compact[position..match.Index]);
                var placeholder = Array.IndexOf(escaped, match.Value);
                if (placeholder >= 0)
                {
                    template._slots.Add(-1 - placeholder);
                }
                else
                {
                    if (!uuids.TryGetValue(match.Value, out var slot))
                    {
                        slot = uuids.Count;
                        uuids[match.Value] = slot;
                    }

                    template._slots.Add(slot);
                }

                position = match.Index + match.Length;
            }

            template._literals.Add(compact[position..]);
            template._uuidCount = uuids.Count;
            return template;
        }

        public string Render(Random random, string name, string description, string tags)
        {
            var fresh = new string[_uuidCount];
            Span<byte> bytes = stackalloc byte[16];
            for (var i = 0; i < fresh.Length; i++)
            {
                random.NextBytes(bytes);
                bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
                bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
                fresh[i] = new Guid(bytes).ToString();
            }

            var metadata = new[] { Escape(name), Escape(description), Escape(tags) };
            var builder = new StringBuilder(_literals.Sum(l => l.Length) + (fresh.Length * 36) + 512);
            for (var i = 0; i < _slots.Count; i++)
            {
                builder.Append(_literals[i]);
                var slot = _slots[i];
                builder.Append(slot >= 0 ? fresh[slot] : metadata[-1 - slot]);
            }

            return builder.Append(_literals[^1]).ToString();
        }

        private static string Escape(string value) => JsonSerializer.Serialize(value)[1..^1];
    }
}
