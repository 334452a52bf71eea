using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invoke.Infrastructure.Persistence.Configurations;

internal sealed class StoredWorkflowThumbnailConfiguration : IEntityTypeConfiguration<StoredWorkflowThumbnail>
{
    public const string TableName = "workflow_thumbnails";

    public void Configure(EntityTypeBuilder<StoredWorkflowThumbnail> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(t => t.WorkflowRowId);
        builder.Property(t => t.WorkflowRowId).HasColumnName("workflow_row_id").ValueGeneratedNever();
        builder.Property(t => t.Image).HasColumnName("image").IsRequired();
        builder.Property(t => t.UpdatedAt).HasColumnName("updated_at");
        builder.HasOne<Workflow>()
            .WithOne()
            .HasForeignKey<StoredWorkflowThumbnail>(t => t.WorkflowRowId)
            .HasConstraintName("fk_workflow_thumbnails_workflow_library")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
