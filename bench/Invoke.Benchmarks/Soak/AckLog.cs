using System.Collections.Concurrent;

namespace Invoke.Benchmarks.Soak;

/// <summary>What a request's response says about whether its change happened.</summary>
public enum Outcome
{
    /// <summary>2xx: the change is acknowledged.</summary>
    Acked,

    /// <summary>4xx: refused, nothing changed.</summary>
    Refused,

    /// <summary>5xx or no response: the change may or may not have happened.</summary>
    Unknown,
}

/// <summary>The kinds of logged change to one workflow.</summary>
public enum Change
{
    Create,
    Update,
    Share,
    Open,
    SetThumbnail,
    DeleteThumbnail,
    Delete,
    Read,
}

/// <summary>
/// One request that changes (or reads) one workflow: when it was sent and answered (ticks of one
/// clock in this process), what the answer said, and the state the answer carried when it carried one.
/// <paramref name="Name"/> is the document name a create/update wrote (unique per write), or the one
/// a response reported; <paramref name="IsPublic"/> the value a share wrote or a response reported.
/// </summary>
public sealed record LoggedChange(
    Change Kind,
    string WorkflowId,
    long Sent,
    long Received,
    Outcome Outcome,
    string? Name = null,
    bool? IsPublic = null,
    int? Version = null,
    string? ReportedName = null,
    bool? ReportedIsPublic = null);

/// <summary>A workflow as the database holds it at the end of the run.</summary>
public sealed record StoredWorkflow(
    string WorkflowId,
    string Name,
    string DocumentName,
    string Tags,
    string DocumentTags,
    bool IsPublic,
    bool IsOpened,
    bool HasThumbnail,
    int Version);

/// <summary>Every logged change of the run, safe to append to from many clients.</summary>
public sealed class AckLog
{
    private readonly ConcurrentQueue<LoggedChange> _changes = new();

    public void Add(LoggedChange change) => _changes.Enqueue(change);

    public IReadOnlyList<LoggedChange> Changes => [.. _changes];

    /// <summary>
    /// The violations of "no acknowledged change is lost or reverted" in <paramref name="stored"/>
    /// (by workflow id; a missing id is a workflow that does not exist). Each field is checked as a
    /// register: its final value must be written by a change that was acknowledged or whose outcome
    /// is unknown, and that no acknowledged change of the same field followed in real time (sent
    /// after it was answered). Versions carried by responses must name one state each.
    /// </summary>
    public static List<string> Check(IReadOnlyList<LoggedChange> changes, IReadOnlyDictionary<string, StoredWorkflow> stored)
    {
        var violations = new List<string>();
        foreach (var group in changes.GroupBy(c => c.WorkflowId, StringComparer.Ordinal))
        {
            CheckWorkflow(group.Key, [.. group.OrderBy(c => c.Sent)], stored.GetValueOrDefault(group.Key), violations);
        }

        foreach (var workflow in stored.Values)
        {
            if (workflow.Name != workflow.DocumentName)
            {
                violations.Add($"{workflow.WorkflowId}: the name column says '{workflow.Name}', the document '{workflow.DocumentName}'");
            }

            if (workflow.Tags != workflow.DocumentTags)
            {
                violations.Add($"{workflow.WorkflowId}: the tags column says '{workflow.Tags}', the document '{workflow.DocumentTags}'");
            }
        }

        return violations;
    }

    private static void CheckWorkflow(string id, List<LoggedChange> changes, StoredWorkflow? final, List<string> violations)
    {
        var created = changes.FirstOrDefault(c => c.Kind == Change.Create && c.Outcome == Outcome.Acked);
        if (created is null)
        {
            return;
        }

        var deletes = changes.Where(c => c.Kind == Change.Delete && c.Outcome != Outcome.Refused).ToList();
        var ackedDelete = deletes.FirstOrDefault(c => c.Outcome == Outcome.Acked);
        if (ackedDelete is not null)
        {
            if (final is not null)
            {
                violations.Add($"{id}: deleted (acknowledged) but still stored");
            }

            foreach (var later in changes.Where(c => c.Sent > ackedDelete.Received && c.Outcome == Outcome.Acked && c.Kind != Change.Delete))
            {
                violations.Add($"{id}: {later.Kind} acknowledged after the workflow's deletion was acknowledged");
            }

            return;
        }

        if (final is null)
        {
            if (deletes.Count == 0)
            {
                violations.Add($"{id}: created (acknowledged), never deleted, but not stored");
            }

            return;
        }

        // One version, one state: two answers with the same version must report the same fields.
        foreach (var version in changes.Where(c => c.Outcome == Outcome.Acked && c.Version is not null).GroupBy(c => c.Version))
        {
            var states = version.Select(c => (c.ReportedName, c.ReportedIsPublic)).Distinct().ToList();
            if (states.Count > 1)
            {
                violations.Add($"{id}: version {version.Key} was answered with {states.Count} different states: " +
                    string.Join(" / ", states.Select(s => $"name '{s.ReportedName}', is_public {s.ReportedIsPublic}")));
            }
        }

        var highest = changes.Where(c => c.Outcome == Outcome.Acked && c.Version is not null).Max(c => c.Version);
        if (highest is { } acked && final.Version < acked)
        {
            violations.Add($"{id}: stored version {final.Version} is older than an acknowledged version {acked}");
        }

        CheckRegister(id, "name", changes.Where(c => c.Kind is Change.Create or Change.Update).Select(c => (c, (object?)c.Name)), final.Name, violations);
        CheckRegister(id, "is_public",
            changes.Where(c => c.Kind is Change.Create or Change.Share).Select(c => (c, (object?)(c.Kind == Change.Create ? false : c.IsPublic))),
            final.IsPublic, violations);
        CheckRegister(id, "thumbnail",
            changes.Where(c => c.Kind is Change.Create or Change.SetThumbnail or Change.DeleteThumbnail)
                .Select(c => (c, (object?)(c.Kind == Change.SetThumbnail))),
            final.HasThumbnail, violations);
        if (!final.IsOpened && changes.Any(c => c.Kind == Change.Open && c.Outcome == Outcome.Acked))
        {
            violations.Add($"{id}: opened (acknowledged) but opened_at is not set");
        }
    }

    /// <summary>
    /// The final value of a field must come from a write that may have happened (acknowledged or of
    /// unknown outcome) and that no acknowledged write of the field followed: one sent after it was answered.
    /// </summary>
    private static void CheckRegister(
        string id, string field, IEnumerable<(LoggedChange Change, object? Value)> writes, object final, List<string> violations)
    {
        var possible = writes.Where(w => w.Change.Outcome != Outcome.Refused).ToList();
        var candidates = possible
            .Where(w => !possible.Any(o => o.Change.Outcome == Outcome.Acked && o.Change.Sent > w.Change.Received))
            .Select(w => w.Value)
            .ToList();
        if (!candidates.Contains(final))
        {
            var last = possible.Where(w => w.Change.Outcome == Outcome.Acked).MaxBy(w => w.Change.Received);
            violations.Add($"{id}: {field} is '{final}', but the last acknowledged write set '{last.Value}' " +
                $"(possible final values: {string.Join(", ", candidates.Distinct().Select(v => $"'{v}'"))})");
        }
    }
}
