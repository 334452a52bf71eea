using Invoke.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invoke.Infrastructure.ClientState;

/// <summary>One value of a user's UI state (<c>client_state</c>), removed with the user.</summary>
internal sealed class ClientStateEntry
{
    public required string UserId { get; init; }

    public required string Key { get; init; }

    public required string Value { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class ClientStateEntryConfiguration : IEntityTypeConfiguration<ClientStateEntry>
{
    public void Configure(EntityTypeBuilder<ClientStateEntry> builder)
    {
        builder.ToTable("client_state");
        builder.HasKey(e => new { e.UserId, e.Key });
        builder.Property(e => e.UserId).HasColumnName("user_id").HasMaxLength(UserLimits.MaxIdLength).IsUnicode(false);
        builder.Property(e => e.Key).HasColumnName("key").HasMaxLength(Application.ClientState.ClientStateLimits.MaxKeyLength);
        builder.Property(e => e.Value).HasColumnName("value");
        builder.Property(e => e.UpdatedAt).HasColumnName("updated_at");
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
