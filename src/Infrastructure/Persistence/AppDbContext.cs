using Invoke.Application.Models;
using Invoke.Application.Persistence;
using Invoke.Domain.Models;
using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Users;
using Invoke.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Invoke.Infrastructure.Persistence;

/// <summary>
/// The one database context. Each provider derives from it (<see cref="Providers"/>) so that it
/// can carry its own migrations and the few model details that differ by database.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options), IAppDbContext
{
    public DbSet<Workflow> Workflows => Set<Workflow>();

    public DbSet<User> Users => Set<User>();

    internal DbSet<AppSetting> AppSettings => Set<AppSetting>();

    internal DbSet<LoginThrottleEntry> LoginThrottle => Set<LoginThrottleEntry>();

    internal DbSet<WorkflowLibraryCount> WorkflowLibraryCounts => Set<WorkflowLibraryCount>();

    internal DbSet<StoredWorkflowThumbnail> WorkflowThumbnails => Set<StoredWorkflowThumbnail>();

    /// <summary>
    /// Saves, and moves the library counts in the same transaction. The deltas are read from the
    /// tracked rows' loaded and current values; the version check of every UPDATE and DELETE makes
    /// the loaded values the row's values at the write (or the save fails and rolls back, deltas
    /// included), so the counts move exactly as the rows did, whatever runs alongside
    /// (docs/decisions/2026-12-03-workflow-concurrency.md).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var deltas = WorkflowCountChanges.From(ChangeTracker);
        if (deltas.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            // The tracked state is accepted only once everything is written: a failed delta must
            // leave the changes pending, as a failed row write does, for whoever tries again.
            var inTransaction = await SaveWithCountsAsync(deltas, acceptAllChangesOnSuccess: false, cancellationToken);
            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return inTransaction;
        }

        // One retriable unit (the execution strategy refuses transactions opened outside it):
        // changes are accepted only once the commit succeeded, so that a retry saves them again.
        var saved = await Database.CreateExecutionStrategy().ExecuteAsync(
            deltas,
            async (_, changes, ct) =>
            {
                await using var transaction = await Database.BeginTransactionAsync(ct);
                var count = await SaveWithCountsAsync(changes, acceptAllChangesOnSuccess: false, ct);
                await TransientFaultExecutionStrategy.CommitAsync(Database, transaction, ct);
                return count;
            },
            verifySucceeded: null,
            cancellationToken);
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        return saved;
    }

    private async Task<int> SaveWithCountsAsync(List<WorkflowCountChanges.Delta> deltas, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var upsert = WorkflowCountChanges.UpsertSql(Database);
        foreach (var delta in deltas)
        {
            await Database.ExecuteSqlRawAsync(upsert, [delta.Category, delta.IsPublic, delta.IsOpened, delta.Change], cancellationToken);
        }

        return saved;
    }

    /// <summary>Every save goes through <see cref="SaveChangesAsync(bool, CancellationToken)"/>, which keeps the counts.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();
    public DbSet<Model> Models => Set<Model>();

    public DbSet<ModelInstallJobRecord> ModelInstallJobs => Set<ModelInstallJobRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Every time is UTC; some providers hand DateTime back without a kind.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
