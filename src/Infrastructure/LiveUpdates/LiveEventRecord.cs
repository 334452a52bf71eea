using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invoke.Infrastructure.LiveUpdates;

/// <summary>
/// A row of the <c>live_events</c> outbox: an event written in the transaction of the change that
/// raised it, read by every node sharing the database, pruned after a minute.
/// </summary>
internal sealed class LiveEventRecord
{
    /// <summary>Increasing; each node remembers the last it delivered.</summary>
    public long Id { get; set; }

    public string Name { get; set; } = null!;

    /// <summary>The rooms, separated by <see cref="RoomSeparator"/>.</summary>
    public string Rooms { get; set; } = null!;

    public string Payload { get; set; } = null!;

    public DateTime CreatedAt { get; set; }

    public const char RoomSeparator = '\n';
}

internal sealed class LiveEventRecordConfiguration : IEntityTypeConfiguration<LiveEventRecord>
{
    public void Configure(EntityTypeBuilder<LiveEventRecord> builder)
    {
        builder.ToTable("live_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(e => e.Name).HasColumnName("name").HasMaxLength(64).IsUnicode(false);
        builder.Property(e => e.Rooms).HasColumnName("rooms").HasMaxLength(1000);
        builder.Property(e => e.Payload).HasColumnName("payload");
        builder.Property(e => e.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(e => e.CreatedAt).HasDatabaseName("ix_live_events_created_at");
    }
}
