using Invoke.Application.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invoke.Infrastructure.Persistence.Configurations;

internal sealed class ModelInstallJobConfiguration : IEntityTypeConfiguration<ModelInstallJobRecord>
{
    public void Configure(EntityTypeBuilder<ModelInstallJobRecord> builder)
    {
        builder.ToTable("model_install_jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(j => j.Status).HasColumnName("status").HasMaxLength(16).IsUnicode(false);
        builder.Property(j => j.Job).HasColumnName("job");
        builder.Property(j => j.CreatedAt).HasColumnName("created_at");
    }
}
