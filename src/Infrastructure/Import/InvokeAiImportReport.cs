namespace Invoke.Infrastructure.Import;

/// <summary>What an import of an InvokeAI installation does (or, with <c>--dry-run</c>, would do).</summary>
public sealed record InvokeAiImportOptions(bool DryRun = false, bool Overwrite = false, bool ImportJwtSecret = false);

/// <summary>One table group: how many records are new, already there unchanged, different (conflicts), replaced or left out.</summary>
public sealed class ImportGroupCounts(string name)
{
    public string Name { get; } = name;

    public int Imported { get; set; }

    public int AlreadyPresent { get; set; }

    public int Conflicting { get; set; }

    public int Replaced { get; set; }

    public int Skipped { get; set; }

    public override string ToString() =>
        $"{Name}: {Imported} new, {Replaced} replaced, {AlreadyPresent} already present, {Conflicting} conflicting, {Skipped} not imported";
}

/// <summary>The outcome of an import: counts per table group, every problem found, and the conflicts that stop it.</summary>
public sealed class InvokeAiImportReport
{
    public ImportGroupCounts Users { get; } = new("users");

    public ImportGroupCounts Workflows { get; } = new("workflows");

    public ImportGroupCounts DefaultWorkflowsOpened { get; } = new("opened default workflows");

    public ImportGroupCounts Thumbnails { get; } = new("thumbnails");

    public ImportGroupCounts Models { get; } = new("models");

    public ImportGroupCounts ClientState { get; } = new("client state");

    public ImportGroupCounts JwtSecret { get; } = new("JWT secret");

    /// <summary>Records the target holds with different data under the same id (or e-mail, or model path).</summary>
    public List<string> Conflicts { get; } = [];

    /// <summary>Things not imported as they are, with what was done instead.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Facts about the import worth knowing that are not problems.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>True when conflicts stopped the import before anything was written.</summary>
    public bool Refused { get; set; }

    public IEnumerable<ImportGroupCounts> Groups => [Users, ClientState, Workflows, DefaultWorkflowsOpened, Thumbnails, Models, JwtSecret];
}
