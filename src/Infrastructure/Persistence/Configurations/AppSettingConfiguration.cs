using Invoke.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invoke.Infrastructure.Persistence.Configurations;

internal sealed class AppSettingConfiguration : IEntityTypeConfiguration<AppSetting>
{
    public void Configure(EntityTypeBuilder<AppSetting> builder)
    {
        builder.ToTable("app_settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasColumnName("key").HasMaxLength(64).IsUnicode(false);
        builder.Property(s => s.Value).HasColumnName("value");
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
        builder.Property(s => s.UpdatedAt).HasColumnName("updated_at");
    }
}

internal sealed class LoginThrottleEntryConfiguration : IEntityTypeConfiguration<LoginThrottleEntry>
{
    public void Configure(EntityTypeBuilder<LoginThrottleEntry> builder)
    {
        builder.ToTable("login_throttle");
        builder.HasKey(e => e.ScopeKey);
        builder.Property(e => e.ScopeKey).HasColumnName("scope_key").HasMaxLength(300);
        builder.Property(e => e.Failures).HasColumnName("failures");
        builder.Property(e => e.WindowStartedAt).HasColumnName("window_started_at");
        builder.Property(e => e.BlockedUntil).HasColumnName("blocked_until");
        builder.HasIndex(e => e.WindowStartedAt).HasDatabaseName("ix_login_throttle_window_started_at");
    }
}
