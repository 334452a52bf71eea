using Invoke.Domain.Models;
using Invoke.Domain.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Invoke.Infrastructure.Persistence.Providers;

/// <summary>SQL Server, the enterprise target. Names sort by code point (a binary collation), as on SQLite.</summary>
public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options)
{
    public const string BinaryCollation = "Latin1_General_100_BIN2";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Workflow>().Property(w => w.Name).UseCollation(BinaryCollation);
        modelBuilder.Entity<Model>().Property(m => m.Name).UseCollation(BinaryCollation);
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=localhost;Database=invoke_design;Trusted_Connection=True;TrustServerCertificate=True")
            .Options);
}
