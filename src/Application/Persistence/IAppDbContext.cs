using Invoke.Domain.Models;
using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Invoke.Application.Persistence;

/// <summary>The application's view of the database: one set per aggregate, saved once per use case.</summary>
public interface IAppDbContext
{
    DbSet<Workflow> Workflows { get; }

    DbSet<User> Users { get; }

    DbSet<Model> Models { get; }

    /// <summary>What the use case has loaded and changed; cleared to start again after a concurrency conflict.</summary>
    ChangeTracker ChangeTracker { get; }

    DbSet<Models.ModelInstallJobRecord> ModelInstallJobs { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
