using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invoke.Infrastructure.Persistence.Configurations;

/// <summary>
/// The <c>workflow_library</c> table: the document plus real, indexed columns for what the library
/// screens filter and sort on. Each index ends with the id, the tie-breaker of every ordering.
/// </summary>
internal sealed class WorkflowConfiguration : IEntityTypeConfiguration<Workflow>
{
    public const string TableName = "workflow_library";

    public const string DocumentTableName = "workflow_documents";

    /// <summary>
    /// An integer surrogate key: SQL Server clusters on it (random UUIDs would split pages), and it is
    /// the stable row id SQLite's full-text index refers to.
    /// </summary>
    public const string RowId = "RowId";

    public void Configure(EntityTypeBuilder<Workflow> builder)
    {
        builder.ToTable(TableName);
        builder.Property<long>(RowId).HasColumnName("id").ValueGeneratedOnAdd();
        builder.HasKey(RowId);
        builder.Property(w => w.Id).HasColumnName("workflow_id").HasMaxLength(WorkflowLimits.MaxIdLength).IsUnicode(false).IsRequired();
        builder.HasIndex(w => w.Id).IsUnique().HasDatabaseName("ux_workflow_library_workflow_id");
        builder.Property(w => w.OwnerId).HasColumnName("user_id").HasMaxLength(WorkflowLimits.MaxOwnerIdLength).IsUnicode(false);
        builder.Property(w => w.Category)
            .HasColumnName("category")
            .HasMaxLength(16)
            .IsUnicode(false)
            .HasConversion(c => c.ToWireName(), s => s == WorkflowCategoryNames.Default ? WorkflowCategory.Default : WorkflowCategory.User);
        builder.Property(w => w.Name).HasColumnName("name").HasMaxLength(WorkflowLimits.MaxNameLength);
        builder.Property(w => w.Description).HasColumnName("description");
        builder.Property(w => w.Tags).HasColumnName("tags");
        builder.Property(w => w.Document).HasColumnName("workflow");

        // The 5–20 KB document lives in its own table: list screens never read it, and rows without it
        // pack many to a page, so filters that read row columns touch a fraction of the pages.
        builder.SplitToTable(DocumentTableName, document =>
        {
            document.Property(RowId).HasColumnName("id");
            document.Property(w => w.Document).HasColumnName("workflow");
        });
        builder.Property(w => w.IsPublic).HasColumnName("is_public");
        builder.Property(w => w.CreatedAt).HasColumnName("created_at");
        builder.Property(w => w.UpdatedAt).HasColumnName("updated_at");
        builder.Property(w => w.OpenedAt).HasColumnName("opened_at");
        builder.Property(w => w.OpenedOrder).HasColumnName("opened_order");
        builder.Property(w => w.HasThumbnail).HasColumnName("has_thumbnail");
        builder.Property(w => w.WorkflowReturnNodeCount).HasColumnName("workflow_return_nodes");
        builder.Property(w => w.SearchText).HasColumnName("search_text");
        builder.Property(w => w.TagSearchText).HasColumnName("tag_search_text");
        builder.Ignore(w => w.CallCompatibility);

        // Every change raises the version, and every UPDATE and DELETE of a row checks it: a save from
        // a copy that is no longer current changes nothing and fails, together with its count deltas.
        builder.Property(w => w.Version).HasColumnName("version").IsConcurrencyToken();

        // Administrators and single-user mode: "everything in these categories".
        builder.HasIndex(w => new { w.Category, w.Name, w.Id }).HasDatabaseName("ix_workflow_library_category_name");
        builder.HasIndex(w => new { w.Category, w.OpenedOrder, w.Id }).HasDatabaseName("ix_workflow_library_category_opened");
        builder.HasIndex(w => new { w.Category, w.CreatedAt, w.Id }).HasDatabaseName("ix_workflow_library_category_created");
        builder.HasIndex(w => new { w.Category, w.UpdatedAt, w.Id }).HasDatabaseName("ix_workflow_library_category_updated");

        // "Your Workflows": one owner's library.
        builder.HasIndex(w => new { w.OwnerId, w.Category, w.Name, w.Id }).HasDatabaseName("ix_workflow_library_owner_name");
        builder.HasIndex(w => new { w.OwnerId, w.Category, w.OpenedOrder, w.Id }).HasDatabaseName("ix_workflow_library_owner_opened");
        builder.HasIndex(w => new { w.OwnerId, w.Category, w.CreatedAt, w.Id }).HasDatabaseName("ix_workflow_library_owner_created");
        builder.HasIndex(w => new { w.OwnerId, w.Category, w.UpdatedAt, w.Id }).HasDatabaseName("ix_workflow_library_owner_updated");

        // "Shared Workflows": every shared workflow, by name.
        builder.HasIndex(w => new { w.IsPublic, w.Category, w.Name, w.Id }).HasDatabaseName("ix_workflow_library_shared_name");
    }
}

internal sealed class WorkflowLibraryCountConfiguration : IEntityTypeConfiguration<WorkflowLibraryCount>
{
    public void Configure(EntityTypeBuilder<WorkflowLibraryCount> builder)
    {
        builder.ToTable("workflow_library_counts");
        builder.HasKey(c => new { c.Category, c.IsPublic, c.IsOpened });
        builder.Property(c => c.Category).HasColumnName("category").HasMaxLength(16).IsUnicode(false);
        builder.Property(c => c.IsPublic).HasColumnName("is_public");
        builder.Property(c => c.IsOpened).HasColumnName("is_opened");
        builder.Property(c => c.Count).HasColumnName("workflow_count");
    }
}
