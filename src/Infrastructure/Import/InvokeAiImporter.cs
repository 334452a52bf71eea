using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Invoke.Application.ClientState;
using Invoke.Application.Errors;
using Invoke.Application.Workflows;
using Invoke.Domain.Models;
using Invoke.Domain.Rules;
using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure.ClientState;
using Invoke.Infrastructure.Persistence;
using Invoke.Infrastructure.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Infrastructure.Import;

/// <summary>
/// Copies an InvokeAI installation into this server's database: accounts (bcrypt hashes as they
/// are), user workflows (ids, owners, sharing, times and documents unchanged), thumbnails (through
/// <see cref="IWorkflowThumbnailStore"/>), each user's client state, model records and, when asked, the JWT secret.
/// Everything is planned before anything is written; conflicts stop the import unless
/// <see cref="InvokeAiImportOptions.Overwrite"/> is set. Each table group is written in one
/// transaction, through the aggregates, so derived columns and library counts are what saving
/// through the API gives. Re-running it finds everything already present and writes nothing.
/// </summary>
internal sealed class InvokeAiImporter(
    AppDbContext db, IWorkflowThumbnailStore thumbnails, IDefaultWorkflowCatalog defaults, InvokePaths paths, TimeProvider time)
{
    /// <summary>Workflows saved per round trip inside the workflows' one transaction.</summary>
    public const int BatchSize = 1000;

    private const int MaxListed = 20;

    /// <summary>
    /// On SQLite, from how many new workflows the import drops the library's indexes and search
    /// index and builds them again once at the end (see <see cref="SqliteWorkflowRowWriter"/>),
    /// when the target does not already hold more workflows than that (rebuilding reads them all).
    /// </summary>
    internal int BulkThreshold { get; set; } = 1000;
    private const string DefaultCategory = "default";

    /// <summary>
    /// Whether the target database exists and is migrated. A dry run must not create it, so on
    /// SQLite a missing file is answered without opening a connection (which would create it).
    /// </summary>
    public static async Task<bool> TargetIsReadyAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (!File.Exists(file))
            {
                return false;
            }
        }

        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return false;
        }

        if (!(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
        {
            return false;
        }

        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            throw new InvokeAiImportException("The target database needs migrating first: run the import without --dry-run, or start the server once.");
        }

        return true;
    }

    /// <summary>Refuses a target root that is the InvokeAI root: this server would write its files into InvokeAI's folders.</summary>
    public static void CheckTarget(InvokeAiSource source, InvokePaths paths)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(paths);
        if (SameFolder(source.Root, paths.Root))
        {
            throw new InvokeAiImportException(
                $"The target root is the InvokeAI root ({source.Root}): give this server a root of its own with --root, so that nothing is written into InvokeAI's folders.");
        }
    }

    /// <param name="targetIsEmpty">True for a dry run against a database that does not exist yet: nothing is read from it.</param>
    /// <param name="progress">Receives progress lines while large libraries are read and written.</param>
    /// <param name="source">The installation, opened (and so checked) before the target is touched.</param>
    public async Task<InvokeAiImportReport> ImportAsync(
        InvokeAiSource source, InvokeAiImportOptions options, bool targetIsEmpty, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        CheckTarget(source, paths);
        var report = new InvokeAiImportReport();
        var backups = source.IgnoredBackups;
        if (backups.Count > 0)
        {
            report.Notes.Add($"ignored the migrator's backup copies: {string.Join(", ", backups)}");
        }

        var clock = Stopwatch.StartNew();
        var users = await PlanUsersAsync(source, targetIsEmpty, options, report, cancellationToken);
        var clientState = await PlanClientStateAsync(source, users, targetIsEmpty, options.Overwrite, report, cancellationToken);
        var workflows = await PlanWorkflowsAsync(source, targetIsEmpty, report, cancellationToken);
        var models = await PlanModelsAsync(source, targetIsEmpty, options.Overwrite, report, cancellationToken);
        var secret = await PlanJwtSecretAsync(source, targetIsEmpty, options, report, cancellationToken);
        if (clock.Elapsed.TotalSeconds >= 1)
        {
            progress($"  compared with this server's database in {clock.Elapsed.TotalSeconds:F1} s");
        }

        if (report.Conflicts.Count > 0 && !options.Overwrite)
        {
            report.Refused = true;
            return report;
        }

        var writing = !options.DryRun;
        if (writing)
        {
            await WriteAccountsAsync(users, secret, cancellationToken);
            await WriteClientStateAsync(clientState, cancellationToken);
        }

        await RunWorkflowPassAsync(source, workflows, users, report, writing, targetIsEmpty, progress, cancellationToken);
        if (writing)
        {
            await WriteModelsAsync(models, cancellationToken);
        }

        return report;
    }

    private sealed record UserPlan(List<User> New, List<(User Existing, User Imported)> Replaced, HashSet<string> KnownOwners);

    private async Task<UserPlan> PlanUsersAsync(
        InvokeAiSource source, bool targetIsEmpty, InvokeAiImportOptions options, InvokeAiImportReport report, CancellationToken cancellationToken)
    {
        var sourceUsers = ReadUsers(source);
        var target = targetIsEmpty ? [] : await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        var targetById = target.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var targetByEmail = target.ToDictionary(u => u.EmailKey, StringComparer.Ordinal);
        // Only for the report of accounts that differ by letter case: it reads every document.
        var workflowsByOwner = new Lazy<Dictionary<string, int>>(() => CountWorkflowsByOwner(source));
        var plan = new UserPlan([], [], new HashSet<string>(StringComparer.Ordinal) { SystemAccount.UserId });
        foreach (var user in target)
        {
            plan.KnownOwners.Add(user.Id);
        }

        if (sourceUsers.FirstOrDefault(u => u.Id == SystemAccount.UserId) is not null)
        {
            report.Notes.Add("InvokeAI's 'system' account maps to this server's own 'system' account (not copied)");
        }

        var candidates = new List<User>();
        foreach (var row in sourceUsers.Where(u => u.Id != SystemAccount.UserId))
        {
            try
            {
                if (row.Id.Length > UserLimits.MaxIdLength || row.Email.Length > UserLimits.MaxEmailLength
                    || row.DisplayName?.Length > UserLimits.MaxDisplayNameLength)
                {
                    throw new ArgumentException("an id, e-mail or display name is longer than this server allows");
                }

                candidates.Add(User.Import(
                    row.Id, EmailAddress.FromTrusted(row.Email), row.DisplayName, row.PasswordHash, row.IsAdmin, row.IsActive,
                    row.CreatedAt, row.UpdatedAt, row.LastLoginAt, row.TokenEpoch));
            }
            catch (Exception e) when (e is ArgumentException or BusinessRuleViolationException)
            {
                report.Users.Skipped++;
                report.Problems.Add($"user {row.Id} <{row.Email}> not imported: {Reason(e)}");
            }
        }

        // Invoke's e-mail addresses are case-insensitive: of accounts that differ only by case, the
        // one used last (latest login, else the oldest) is imported; the others are reported.
        foreach (var group in candidates.GroupBy(u => u.EmailKey, StringComparer.Ordinal))
        {
            var ordered = group
                .OrderByDescending(u => u.LastLoginAt ?? DateTime.MinValue)
                .ThenBy(u => u.CreatedAt)
                .ThenBy(u => u.Id, StringComparer.Ordinal)
                .ToList();
            var keeper = ordered[0];
            foreach (var other in ordered.Skip(1))
            {
                report.Users.Skipped++;
                report.Problems.Add(
                    $"user {other.Id} <{other.Email}> not imported: its e-mail differs from {keeper.Id} <{keeper.Email}> only by letter case, " +
                    $"and this server treats them as one address; {keeper.Email} (logged in last) is imported. " +
                    $"Its {workflowsByOwner.Value.GetValueOrDefault(other.Id)} workflow(s) are imported under its id and managed by administrators.");
            }

            if (targetById.TryGetValue(keeper.Id, out var existing))
            {
                var differences = UserDifferences(existing, keeper);
                if (differences.Count == 0)
                {
                    report.Users.AlreadyPresent++;
                }
                else
                {
                    report.Users.Conflicting++;
                    AddConflict(report, $"user {keeper.Id} <{keeper.Email}> already exists here with a different {string.Join(", ", differences)}");
                    if (options.Overwrite)
                    {
                        report.Users.Replaced++;
                        plan.Replaced.Add((existing, keeper));
                    }
                }

                plan.KnownOwners.Add(keeper.Id);
            }
            else if (targetByEmail.TryGetValue(keeper.EmailKey, out var holder))
            {
                // Never overwritten: it is another account, maybe with workflows of its own.
                report.Users.Conflicting++;
                report.Conflicts.Add($"user {keeper.Id} <{keeper.Email}>: the e-mail is already used by account {holder.Id} here; remove or rename that account first");
            }
            else
            {
                report.Users.Imported++;
                plan.New.Add(keeper);
                plan.KnownOwners.Add(keeper.Id);
            }
        }

        return plan;
    }

    private sealed record ClientStatePlan(List<ClientStateEntry> New, List<ClientStateEntry> Replaced);

    /// <summary>
    /// InvokeAI's <c>client_state</c> rows of every account that exists here after the accounts are
    /// written (<c>system</c>'s go to this server's <c>system</c> account). A key is already present
    /// when its value is the same (the time it was last written does not count); a different value
    /// is a conflict. Values over <see cref="ClientStateLimits"/> are reported, not imported: the
    /// API would refuse to store them. Over the per-user number of keys, the most recently written
    /// keys are imported and the rest reported.
    /// </summary>
    private async Task<ClientStatePlan> PlanClientStateAsync(
        InvokeAiSource source, UserPlan users, bool targetIsEmpty, bool overwrite, InvokeAiImportReport report, CancellationToken cancellationToken)
    {
        var plan = new ClientStatePlan([], []);
        if (!source.HasClientState)
        {
            report.Notes.Add("the InvokeAI database has no client_state table: there is no UI state to import");
            return plan;
        }

        var target = targetIsEmpty ? [] : await db.Set<ClientStateEntry>().AsNoTracking().ToListAsync(cancellationToken);
        var targetByKey = target.ToDictionary(e => (e.UserId, e.Key));
        var targetKeysPerUser = target.GroupBy(e => e.UserId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var group in ReadClientState(source).GroupBy(r => r.UserId, StringComparer.Ordinal))
        {
            if (!users.KnownOwners.Contains(group.Key))
            {
                report.ClientState.Skipped += group.Count();
                report.Problems.Add($"client state of user {group.Key} ({group.Count()} key(s)) not imported: that account is not imported");
                continue;
            }

            var keys = targetKeysPerUser.GetValueOrDefault(group.Key);
            foreach (var row in group.OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.Key, StringComparer.Ordinal))
            {
                if (row.Key.Length is 0 or > ClientStateLimits.MaxKeyLength || row.Value.Length > ClientStateLimits.MaxValueLength)
                {
                    report.ClientState.Skipped++;
                    report.Problems.Add(
                        $"client state '{Shorten(row.Key)}' of user {row.UserId} not imported: this server stores keys of 1 to {ClientStateLimits.MaxKeyLength} " +
                        $"characters and values of at most {ClientStateLimits.MaxValueLength:N0} (this one: {row.Key.Length:N0} and {row.Value.Length:N0})");
                    continue;
                }

                var entry = new ClientStateEntry { UserId = row.UserId, Key = row.Key, Value = row.Value, UpdatedAt = row.UpdatedAt };
                if (targetByKey.TryGetValue((row.UserId, row.Key), out var existing))
                {
                    if (string.Equals(existing.Value, row.Value, StringComparison.Ordinal))
                    {
                        report.ClientState.AlreadyPresent++;
                    }
                    else
                    {
                        report.ClientState.Conflicting++;
                        AddConflict(report, $"client state '{Shorten(row.Key)}' of user {row.UserId} already exists here with a different value");
                        if (overwrite)
                        {
                            report.ClientState.Replaced++;
                            plan.Replaced.Add(entry);
                        }
                    }
                }
                else if (keys >= ClientStateLimits.MaxKeysPerUser)
                {
                    report.ClientState.Skipped++;
                    report.Problems.Add(
                        $"client state '{Shorten(row.Key)}' of user {row.UserId} not imported: the user would hold more than {ClientStateLimits.MaxKeysPerUser} keys; the most recently written ones are imported");
                }
                else
                {
                    keys++;
                    report.ClientState.Imported++;
                    plan.New.Add(entry);
                }
            }
        }

        return plan;
    }

    private async Task WriteClientStateAsync(ClientStatePlan plan, CancellationToken cancellationToken)
    {
        if (plan.New.Count == 0 && plan.Replaced.Count == 0)
        {
            return;
        }

        var entries = db.Set<ClientStateEntry>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        entries.AddRange(plan.New);
        foreach (var imported in plan.Replaced)
        {
            var existing = await entries.SingleAsync(e => e.UserId == imported.UserId && e.Key == imported.Key, cancellationToken);
            existing.Value = imported.Value;
            existing.UpdatedAt = imported.UpdatedAt;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private static List<string> UserDifferences(User existing, User imported)
    {
        var differences = new List<string>();
        if (existing.Email != imported.Email)
        {
            differences.Add("e-mail");
        }

        if (existing.DisplayName != imported.DisplayName)
        {
            differences.Add("display name");
        }

        if (existing.PasswordHash != imported.PasswordHash)
        {
            differences.Add("password");
        }

        if (existing.IsAdmin != imported.IsAdmin)
        {
            differences.Add("administrator flag");
        }

        if (existing.IsActive != imported.IsActive)
        {
            differences.Add("active flag");
        }

        if (existing.TokenEpoch != imported.TokenEpoch)
        {
            differences.Add("token epoch");
        }

        if (existing.CreatedAt != imported.CreatedAt)
        {
            differences.Add("creation time");
        }

        return differences;
    }

    private sealed record WorkflowPlan(HashSet<string> Present, HashSet<string> Replace, HashSet<string> PresentWithoutThumbnail);

    /// <summary>Compares the source's workflows with those the target already holds under the same ids.</summary>
    private async Task<WorkflowPlan> PlanWorkflowsAsync(
        InvokeAiSource source, bool targetIsEmpty, InvokeAiImportReport report, CancellationToken cancellationToken)
    {
        var plan = new WorkflowPlan(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        if (targetIsEmpty)
        {
            return plan;
        }

        var targetIds = (await db.Workflows.AsNoTracking().Where(w => w.Category == WorkflowCategory.User).Select(w => w.Id).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        if (targetIds.Count == 0)
        {
            return plan;
        }

        var shared = SourceWorkflowIds(source).Where(targetIds.Contains).ToList();
        var thumbnailFiles = ThumbnailFiles(source);
        foreach (var chunk in shared.Chunk(500))
        {
            var existing = await db.Workflows.AsNoTracking().Where(w => chunk.Contains(w.Id)).ToDictionaryAsync(w => w.Id, StringComparer.Ordinal, cancellationToken);
            foreach (var id in chunk)
            {
                var row = ReadWorkflow(source, id);
                if (row is null || row.Category == DefaultCategory)
                {
                    continue;
                }

                var target = existing[id];
                var differences = new List<string>();
                if (!string.Equals(target.Document, row.Document, StringComparison.Ordinal))
                {
                    differences.Add("document");
                }

                if (target.OwnerId != row.OwnerId)
                {
                    differences.Add("owner");
                }

                if (target.IsPublic != EffectiveIsPublic(row))
                {
                    differences.Add("sharing");
                }

                if (target.CreatedAt != Domain.Time.StoredTime.ToMilliseconds(row.CreatedAt))
                {
                    differences.Add("creation time");
                }

                if (differences.Count == 0)
                {
                    report.Workflows.AlreadyPresent++;
                    plan.Present.Add(id);
                    if (!target.HasThumbnail && thumbnailFiles.Contains(id))
                    {
                        plan.PresentWithoutThumbnail.Add(id);
                    }
                }
                else
                {
                    report.Workflows.Conflicting++;
                    AddConflict(report, $"workflow {id} ('{row.Name}') already exists here with a different {string.Join(", ", differences)}");
                    plan.Replace.Add(id);
                }
            }
        }

        return plan;
    }

    /// <summary>
    /// Reads every workflow of the source once: checks it, counts it and (when writing) saves it in
    /// batches inside one transaction; then stores the thumbnails.
    /// </summary>
    private async Task RunWorkflowPassAsync(
        InvokeAiSource source, WorkflowPlan plan, UserPlan users, InvokeAiImportReport report, bool writing, bool targetIsEmpty,
        Action<string> progress, CancellationToken cancellationToken)
    {
        var thumbnailFiles = ThumbnailFiles(source);
        var total = CountSourceWorkflows(source);
        var every = Math.Max(BatchSize, total / 10);
        var clock = Stopwatch.StartNew();
        var writeClock = new Stopwatch();
        var orphans = new Dictionary<string, (int Count, int Shared)>(StringComparer.Ordinal);
        var legacy = 0;
        var legacyMadeShared = 0;
        var withThumbnail = new List<string>(plan.PresentWithoutThumbnail);
        var openedDefaults = new List<WorkflowRow>();
        var batch = 0;
        var seen = 0;

        await using var transaction = writing ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

        await using var fastWriter = writing && db.Database.IsSqlite()
            ? await SqliteWorkflowRowWriter.CreateAsync(db, await InBulkAsync(total - plan.Present.Count, cancellationToken), cancellationToken)
            : null;
        foreach (var row in ReadWorkflows(source))
        {
            seen++;
            if (seen % every == 0)
            {
                progress($"  workflows: {seen:N0} of {total:N0} read ({clock.Elapsed.TotalSeconds:F1} s)");
            }

            if (plan.Present.Contains(row.Id))
            {
                continue;
            }

            // Each document is parsed once, here: the category and name come from it too.
            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(row.Document);
            }
            catch (JsonException e)
            {
                report.Workflows.Skipped++;
                report.Problems.Add($"workflow {row.Id} not imported: its document is not valid JSON ({e.Message})");
                continue;
            }

            Workflow? workflow;
            using (json)
            {
                var named = row with { Category = Text(json.RootElement, "meta", "category"), Name = Text(json.RootElement, "name") };
                if (named.Category == DefaultCategory)
                {
                    if (named.OpenedAt is not null)
                    {
                        openedDefaults.Add(named);
                    }

                    continue;
                }

                workflow = ToWorkflow(named, json, thumbnailFiles.Contains(row.Id), report);
            }

            if (workflow is null)
            {
                continue;
            }

            if (row.OwnerId == SystemAccount.UserId)
            {
                legacy++;
                legacyMadeShared += row.IsPublic ? 0 : 1;
            }
            else if (!users.KnownOwners.Contains(row.OwnerId))
            {
                var (count, shared) = orphans.GetValueOrDefault(row.OwnerId);
                orphans[row.OwnerId] = (count + 1, shared + (workflow.IsPublic ? 1 : 0));
            }

            if (workflow.HasThumbnail)
            {
                withThumbnail.Add(workflow.Id);
            }

            if (plan.Replace.Contains(row.Id))
            {
                report.Workflows.Replaced++;
                if (writing)
                {
                    var existing = await db.Workflows.SingleAsync(w => w.Id == row.Id, cancellationToken);
                    db.Entry(existing).CurrentValues.SetValues(workflow);
                }
            }
            else
            {
                report.Workflows.Imported++;
                if (fastWriter is not null)
                {
                    writeClock.Start();
                    await fastWriter.AddAsync(workflow, cancellationToken);
                    writeClock.Stop();
                    continue;
                }

                if (writing)
                {
                    db.Workflows.Add(workflow);
                }
            }

            if (writing && ++batch == BatchSize)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                batch = 0;
            }
        }

        await CarryOverOpenedDefaultsAsync(openedDefaults, report, writing, targetIsEmpty, cancellationToken);
        if (fastWriter is not null)
        {
            await fastWriter.FinishAsync(progress, cancellationToken);
        }

        if (writing)
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await transaction!.CommitAsync(cancellationToken);
        }

        var committed = clock.Elapsed;
        if (total >= every)
        {
            progress($"  workflows: {seen:N0} of {total:N0} written ({committed.TotalSeconds:F1} s" +
                (fastWriter is null ? ")" : $", of which {writeClock.Elapsed.TotalSeconds:F1} s inserting rows)"));
        }

        if (legacy > 0)
        {
            report.Notes.Add(
                $"{legacy} single-user-era workflow(s) owned by 'system' come over as shared workflows that administrators manage" +
                (legacyMadeShared > 0 ? $" ({legacyMadeShared} of them were not marked shared in InvokeAI)" : string.Empty));
        }

        foreach (var (owner, (count, shared)) in orphans.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            report.Problems.Add(
                $"{count} workflow(s) ({shared} shared) belong to user {owner}, who has no account to import: " +
                "imported under that owner id, as InvokeAI keeps them — administrators see and manage them, shared ones stay in everyone's Shared Workflows");
        }

        await StoreThumbnailsAsync(source, withThumbnail, report, writing, cancellationToken);
        if (total >= every)
        {
            progress($"  workflows: {seen:N0} of {total:N0} done ({clock.Elapsed.TotalSeconds:F1} s with {withThumbnail.Count:N0} thumbnail(s))");
        }
    }

    private async Task<bool> InBulkAsync(int newWorkflows, CancellationToken cancellationToken) =>
        newWorkflows >= BulkThreshold && newWorkflows >= await db.Workflows.CountAsync(cancellationToken);

    private static Workflow? ToWorkflow(WorkflowRow row, JsonDocument json, bool hasThumbnail, InvokeAiImportReport report)
    {
        if (row.Id.Length > WorkflowLimits.MaxIdLength || row.OwnerId.Length > WorkflowLimits.MaxOwnerIdLength
            || row.Id.IndexOfAny(['/', '\\', '\0']) >= 0 || row.Id.StartsWith(WorkflowLimits.DefaultIdPrefix, StringComparison.Ordinal))
        {
            return Skip("its id or owner id is not one this server can store");
        }

        var errors = new List<RequestValidationError>();
        var document = WorkflowDocumentReader.Read(json.RootElement, ["workflow"], errors);
        if (document is null)
        {
            return Skip("its document is not a workflow: " + string.Join("; ", errors.Select(e => $"{string.Join('.', e.Loc)}: {e.Msg}")));
        }

        var overLimit = WorkflowLimits.Violations(document);
        if (overLimit.Count > 0)
        {
            return Skip(string.Join("; ", overLimit));
        }

        try
        {
            return Workflow.Import(
                row.Id, row.OwnerId, document, row.Document, EffectiveIsPublic(row), row.CreatedAt, row.UpdatedAt, row.OpenedAt, hasThumbnail);
        }
        catch (BusinessRuleViolationException e)
        {
            return Skip(e.BrokenRule.Message);
        }

        Workflow? Skip(string reason)
        {
            report.Workflows.Skipped++;
            report.Problems.Add($"workflow {row.Id} ('{row.Name}') not imported: {reason}");
            return null;
        }
    }

    private static string Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return string.Empty;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString()! : string.Empty;
    }

    /// <summary>Single-user-era workflows are shared, whatever revision of InvokeAI's migration ran.</summary>
    private static bool EffectiveIsPublic(WorkflowRow row) => row.IsPublic || row.OwnerId == SystemAccount.UserId;

    /// <summary>
    /// InvokeAI's defaults are not copied (this server ships its own), but "Recently Opened" is one
    /// global list: an opened default keeps its place when this server ships one with the same id,
    /// and is reported otherwise.
    /// </summary>
    private async Task CarryOverOpenedDefaultsAsync(
        List<WorkflowRow> opened, InvokeAiImportReport report, bool writing, bool targetIsEmpty, CancellationToken cancellationToken)
    {
        foreach (var row in opened)
        {
            // A database not created yet (dry run) will hold exactly the defaults this server ships, never opened.
            var shipped = targetIsEmpty
                ? null
                : await db.Workflows.SingleOrDefaultAsync(w => w.Id == row.Id && w.Category == WorkflowCategory.Default, cancellationToken);
            var ships = shipped is not null || (targetIsEmpty && defaults.Workflows.Any(d => d.Id == row.Id));
            var openedAt = Domain.Time.StoredTime.ToMilliseconds(row.OpenedAt!.Value);
            if (!ships)
            {
                report.DefaultWorkflowsOpened.Skipped++;
                report.Problems.Add(
                    $"InvokeAI's default workflow {row.Id} ('{row.Name}') was opened at {row.OpenedAt:yyyy-MM-dd HH:mm:ss}; " +
                    "this server does not ship it, so it leaves the Recently Opened list");
            }
            else if (shipped?.OpenedAt is { } at && at >= openedAt)
            {
                report.DefaultWorkflowsOpened.AlreadyPresent++;
            }
            else
            {
                report.DefaultWorkflowsOpened.Imported++;
                if (writing)
                {
                    shipped!.MarkOpened(Actor.SystemAdministrator, openedAt);
                }
            }
        }
    }

    private async Task StoreThumbnailsAsync(InvokeAiSource source, List<string> workflowIds, InvokeAiImportReport report, bool writing, CancellationToken cancellationToken)
    {
        foreach (var id in workflowIds)
        {
            var file = Path.Combine(source.ThumbnailsDirectory, id + ".webp");
            if (!writing)
            {
                report.Thumbnails.Imported++;
                continue;
            }

            try
            {
                await using var stream = File.OpenRead(file);
                await thumbnails.SaveAsync(id, stream, cancellationToken);
                var workflow = await db.Workflows.SingleAsync(w => w.Id == id, cancellationToken);
                if (!workflow.HasThumbnail)
                {
                    workflow.SetThumbnail(Actor.SystemAdministrator);
                    await db.SaveChangesAsync(cancellationToken);
                }

                report.Thumbnails.Imported++;
            }
            catch (UnsupportedMediaTypeException)
            {
                report.Thumbnails.Skipped++;
                report.Problems.Add($"thumbnail of workflow {id} not imported: {file} is not an image this server can read");
                var workflow = await db.Workflows.SingleAsync(w => w.Id == id, cancellationToken);
                workflow.RemoveThumbnail(Actor.SystemAdministrator);
                await db.SaveChangesAsync(cancellationToken);
            }

            db.ChangeTracker.Clear();
        }
    }

    private sealed record ModelPlan(List<Model> New, List<(Model Existing, Model Imported)> Replaced);

    private async Task<ModelPlan> PlanModelsAsync(InvokeAiSource source, bool targetIsEmpty, bool overwrite, InvokeAiImportReport report, CancellationToken cancellationToken)
    {
        var plan = new ModelPlan([], []);
        var target = targetIsEmpty ? [] : await db.Models.AsNoTracking().ToListAsync(cancellationToken);
        var byKey = target.ToDictionary(m => m.Key, StringComparer.Ordinal);
        var byPath = target.ToDictionary(m => m.Path, StringComparer.Ordinal);
        var modelsDirectory = new ModelsDirectory(paths.ModelsDirectory);
        var imageDirectory = Path.Combine(source.ModelsDirectory, "model_images");
        foreach (var (key, config, createdAt, updatedAt) in ReadModels(source))
        {
            Model model;
            try
            {
                var document = JsonNode.Parse(config) as JsonObject ?? throw new ArgumentException("the config is not a JSON object");
                var path = document["path"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
                    ? text
                    : throw new ArgumentException("the config has no path");
                var absolute = Path.IsPathRooted(path) ? path : Path.GetFullPath(path, source.ModelsDirectory);
                var recorded = modelsDirectory.RecordedPathOf(modelsDirectory.Locate(absolute));
                if (key.Length > ModelLimits.MaxKeyLength || recorded.Length > ModelLimits.MaxPathLength)
                {
                    throw new ArgumentException("its key or path is longer than this server allows");
                }

                model = Model.Import(key, document, recorded, createdAt, updatedAt);
                if (!File.Exists(absolute) && !Directory.Exists(absolute))
                {
                    report.Problems.Add($"model {key} ('{model.Name}'): {absolute} does not exist; imported, and listed as missing until it is back");
                }
            }
            catch (Exception e) when (e is ArgumentException or JsonException or IOException)
            {
                report.Models.Skipped++;
                report.Problems.Add($"model {key} not imported: {e.Message}");
                continue;
            }

            if (File.Exists(Path.Combine(imageDirectory, key + ".webp")))
            {
                report.Problems.Add($"model {key} ('{model.Name}'): its model image is not imported (this server does not store model images)");
            }

            if (byKey.TryGetValue(key, out var existing))
            {
                if (existing.Path == model.Path && existing.Hash == model.Hash && existing.Name == model.Name
                    && existing.Base == model.Base && existing.Type == model.Type && existing.Format == model.Format)
                {
                    report.Models.AlreadyPresent++;
                }
                else
                {
                    report.Models.Conflicting++;
                    AddConflict(report, $"model {key} ('{model.Name}') already exists here with a different path, hash, name or type");
                    if (overwrite)
                    {
                        report.Models.Replaced++;
                        plan.Replaced.Add((existing, model));
                    }
                }
            }
            else if (byPath.TryGetValue(model.Path, out var holder))
            {
                report.Models.Conflicting++;
                report.Conflicts.Add($"model {key} ('{model.Name}'): {model.Path} is already registered here as model {holder.Key}; delete that record first");
            }
            else
            {
                report.Models.Imported++;
                plan.New.Add(model);
            }
        }

        return plan;
    }

    private async Task<string?> PlanJwtSecretAsync(
        InvokeAiSource source, bool targetIsEmpty, InvokeAiImportOptions options, InvokeAiImportReport report, CancellationToken cancellationToken)
    {
        using var command = source.Connection.CreateCommand();
        command.CommandText = "SELECT value FROM app_settings WHERE key = 'jwt_secret'";
        var secret = command.ExecuteScalar() as string;
        if (string.IsNullOrEmpty(secret))
        {
            report.Notes.Add("the InvokeAI database has no JWT secret");
            return null;
        }

        if (!options.ImportJwtSecret)
        {
            report.JwtSecret.Skipped++;
            report.Notes.Add("JWT secret not imported (the default): everyone logs in once more, with the same password; --import-jwt-secret keeps InvokeAI's unexpired tokens valid here");
            return null;
        }

        var current = targetIsEmpty
            ? null
            : await db.AppSettings.AsNoTracking().Where(s => s.Key == AppSetting.JwtSecretKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        if (current == secret)
        {
            report.JwtSecret.AlreadyPresent++;
            return null;
        }

        report.JwtSecret.Replaced++;
        report.Notes.Add("JWT secret imported: InvokeAI's unexpired tokens are valid here, tokens this server issued before are not; restart running servers");
        return secret;
    }

    private async Task WriteAccountsAsync(UserPlan users, string? secret, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Users.AddRange(users.New);
        foreach (var (existing, imported) in users.Replaced)
        {
            db.Users.Attach(existing);
            db.Entry(existing).CurrentValues.SetValues(imported);
        }

        if (secret is not null)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var setting = await db.AppSettings.SingleOrDefaultAsync(s => s.Key == AppSetting.JwtSecretKey, cancellationToken);
            if (setting is null)
            {
                db.AppSettings.Add(new AppSetting { Key = AppSetting.JwtSecretKey, Value = secret, CreatedAt = now, UpdatedAt = now });
            }
            else
            {
                setting.Value = secret;
                setting.UpdatedAt = now;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task WriteModelsAsync(ModelPlan models, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Models.AddRange(models.New);
        foreach (var (existing, imported) in models.Replaced)
        {
            db.Models.Attach(existing);
            db.Entry(existing).CurrentValues.SetValues(imported);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    private static void AddConflict(InvokeAiImportReport report, string conflict) => report.Conflicts.Add(conflict);

    private static string Reason(Exception e) => e is BusinessRuleViolationException rule ? rule.BrokenRule.Message : e.Message;

    private sealed record UserRow(
        string Id, string Email, string? DisplayName, string PasswordHash, bool IsAdmin, bool IsActive,
        DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastLoginAt, int TokenEpoch);

    private static List<UserRow> ReadUsers(InvokeAiSource source)
    {
        using var command = source.Connection.CreateCommand();
        command.CommandText =
            "SELECT user_id, email, display_name, password_hash, is_admin, is_active, created_at, updated_at, last_login_at, " +
            (source.HasTokenEpoch ? "token_epoch" : "0") + " FROM users ORDER BY created_at, user_id";
        using var reader = command.ExecuteReader();
        var users = new List<UserRow>();
        while (reader.Read())
        {
            users.Add(new UserRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? string.Empty : reader.GetString(3),
                reader.GetBoolean(4),
                reader.GetBoolean(5),
                InvokeAiSource.ParseTime(reader.GetString(6)),
                InvokeAiSource.ParseTime(reader.GetString(7)),
                reader.IsDBNull(8) ? null : InvokeAiSource.ParseTime(reader.GetString(8)),
                reader.GetInt32(9)));
        }

        return users;
    }

    private sealed record ClientStateRow(string UserId, string Key, string Value, DateTime UpdatedAt);

    private static List<ClientStateRow> ReadClientState(InvokeAiSource source)
    {
        using var command = source.Connection.CreateCommand();
        command.CommandText = "SELECT user_id, key, value, updated_at FROM client_state ORDER BY user_id, key";
        using var reader = command.ExecuteReader();
        var rows = new List<ClientStateRow>();
        while (reader.Read())
        {
            rows.Add(new ClientStateRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), InvokeAiSource.ParseTime(reader.GetString(3))));
        }

        return rows;
    }

    private static Dictionary<string, int> CountWorkflowsByOwner(InvokeAiSource source)
    {
        using var command = source.Connection.CreateCommand();
        command.CommandText = $"SELECT COALESCE(user_id, 'system'), COUNT(*) FROM workflow_library WHERE {CategoryExpression} <> 'default' GROUP BY 1";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    private sealed record WorkflowRow(
        string Id, string Document, string Category, string Name, string OwnerId, bool IsPublic,
        DateTime CreatedAt, DateTime UpdatedAt, DateTime? OpenedAt);

    /// <summary>The category as InvokeAI's generated column computes it (read from the document, in case the column is absent).</summary>
    private const string CategoryExpression = "COALESCE(json_extract(workflow, '$.meta.category'), '')";

    private const string WorkflowColumns =
        $"workflow_id, workflow, {CategoryExpression}, COALESCE(json_extract(workflow, '$.name'), ''), COALESCE(user_id, 'system'), is_public, created_at, updated_at, opened_at";

    /// <summary>Every workflow, category and name left empty: the caller reads them from the document it parses anyway.</summary>
    private static IEnumerable<WorkflowRow> ReadWorkflows(InvokeAiSource source)
    {
        using var command = source.Connection.CreateCommand();
        command.CommandText =
            "SELECT workflow_id, workflow, '', '', COALESCE(user_id, 'system'), is_public, created_at, updated_at, opened_at FROM workflow_library ORDER BY created_at, workflow_id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return ReadWorkflowRow(reader);
        }
    }

    private static WorkflowRow? ReadWorkflow(InvokeAiSource source, string id)
    {
        using var command = source.Connection.CreateCommand();
        command.CommandText = $"SELECT {WorkflowColumns} FROM workflow_library WHERE workflow_id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadWorkflowRow(reader) : null;
    }

    private static WorkflowRow ReadWorkflowRow(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetBoolean(5),
        InvokeAiSource.ParseTime(reader.GetString(6)),
        InvokeAiSource.ParseTime(reader.GetString(7)),
        reader.IsDBNull(8) ? null : InvokeAiSource.ParseTime(reader.GetString(8)));

    private static List<string> SourceWorkflowIds(InvokeAiSource source)
    {
        using var command = source.Connection.CreateCommand();
        command.CommandText = $"SELECT workflow_id FROM workflow_library WHERE {CategoryExpression} <> 'default'";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static int CountSourceWorkflows(InvokeAiSource source)
    {
        using var command = source.Connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM workflow_library";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static HashSet<string> ThumbnailFiles(InvokeAiSource source) =>
        Directory.Exists(source.ThumbnailsDirectory)
            ? Directory.EnumerateFiles(source.ThumbnailsDirectory, "*.webp").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal)!
            : new HashSet<string>(StringComparer.Ordinal);

    private static IEnumerable<(string Key, string Config, DateTime CreatedAt, DateTime UpdatedAt)> ReadModels(InvokeAiSource source)
    {
        using var command = source.Connection.CreateCommand();
        command.CommandText = "SELECT id, config, created_at, updated_at FROM models ORDER BY created_at, id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetString(0), reader.GetString(1), InvokeAiSource.ParseTime(reader.GetString(2)), InvokeAiSource.ParseTime(reader.GetString(3)));
        }
    }
}
