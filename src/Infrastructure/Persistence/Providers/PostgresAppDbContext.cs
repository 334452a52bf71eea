using Invoke.Domain.Models;
using Invoke.Domain.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Invoke.Infrastructure.Persistence.Providers;

/// <summary>PostgreSQL. Names sort by code point ("C" collation), the same order SQLite gives; search uses pg_trgm.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        var workflow = modelBuilder.Entity<Workflow>();
        workflow.Property(w => w.Name).UseCollation("C");

        // Substring search ("LIKE '%term%'") over every shared workflow uses this trigram index.
        workflow.HasIndex(w => w.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_workflow_library_search_trgm");
        modelBuilder.Entity<Model>().Property(m => m.Name).UseCollation("C");
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=invoke_design").Options);
}
