using Invoke.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invoke.Infrastructure.Persistence.Configurations;

/// <summary>
/// The <c>models</c> table: InvokeAI's config document plus real, indexed columns for what the
/// model lists filter and sort on. The path is unique: one record per file or folder.
/// </summary>
internal sealed class ModelConfiguration : IEntityTypeConfiguration<Model>
{
    public const string TableName = "models";

    public void Configure(EntityTypeBuilder<Model> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(m => m.Key);
        builder.Property(m => m.Key).HasColumnName("id").HasMaxLength(ModelLimits.MaxKeyLength).IsUnicode(false);
        builder.Property(m => m.Name).HasColumnName("name").HasMaxLength(ModelLimits.MaxNameLength);
        builder.Property(m => m.Base).HasColumnName("base").HasMaxLength(ModelLimits.MaxTaxonomyLength).IsUnicode(false);
        builder.Property(m => m.Type).HasColumnName("type").HasMaxLength(ModelLimits.MaxTaxonomyLength).IsUnicode(false);
        builder.Property(m => m.Format).HasColumnName("format").HasMaxLength(ModelLimits.MaxTaxonomyLength).IsUnicode(false);
        builder.Property(m => m.Path).HasColumnName("path").HasMaxLength(ModelLimits.MaxPathLength);
        builder.Property(m => m.Hash).HasColumnName("hash").HasMaxLength(ModelLimits.MaxHashLength).IsUnicode(false);
        builder.Property(m => m.Description).HasColumnName("description");
        builder.Property(m => m.Source).HasColumnName("source");
        builder.Property(m => m.SourceType).HasColumnName("source_type").HasMaxLength(ModelLimits.MaxSourceTypeLength).IsUnicode(false);
        builder.Property(m => m.FileSize).HasColumnName("file_size");
        builder.Property(m => m.Config).HasColumnName("config");
        builder.Property(m => m.CreatedAt).HasColumnName("created_at");
        builder.Property(m => m.UpdatedAt).HasColumnName("updated_at");
        builder.Ignore(m => m.HasFiles);

        builder.HasIndex(m => m.Path).IsUnique().HasDatabaseName("ux_models_path");
        builder.HasIndex(m => m.Hash).HasDatabaseName("ix_models_hash");

        // The orderings of the list (each ends with the key, the tie-breaker) and its exact-match filters.
        builder.HasIndex(m => new { m.Name, m.Key }).HasDatabaseName("ix_models_name");
        builder.HasIndex(m => new { m.Base, m.Name, m.Key }).HasDatabaseName("ix_models_base");
        builder.HasIndex(m => new { m.Type, m.Base, m.Name, m.Format, m.Key }).HasDatabaseName("ix_models_type");
        builder.HasIndex(m => new { m.Format, m.Name, m.Key }).HasDatabaseName("ix_models_format");
    }
}
