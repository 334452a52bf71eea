using Invoke.Domain.Models;
using Invoke.Domain.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Invoke.Infrastructure.Persistence.Providers;

/// <summary>PostgreSQL. Names sort by code point ("C" collation), the same order SQLite gives.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Workflow>().Property(w => w.Name).UseCollation("C");
        modelBuilder.Entity<Model>().Property(m => m.Name).UseCollation("C");
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=invoke_design").Options);
}
