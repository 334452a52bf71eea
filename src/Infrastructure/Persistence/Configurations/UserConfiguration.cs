using Invoke.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invoke.Infrastructure.Persistence.Configurations;

/// <summary>
/// The <c>users</c> table. E-mail addresses are unique by their folded key; the token epoch is a
/// concurrency token, so two password changes at once cannot both think they revoked the same tokens.
/// </summary>
internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasColumnName("user_id").HasMaxLength(UserLimits.MaxIdLength).IsUnicode(false);
        builder.Property(u => u.Email).HasColumnName("email").HasMaxLength(UserLimits.MaxEmailLength);
        builder.Property(u => u.EmailKey).HasColumnName("email_key").HasMaxLength(UserLimits.MaxEmailLength);
        builder.Property(u => u.DisplayName).HasColumnName("display_name").HasMaxLength(UserLimits.MaxDisplayNameLength);
        builder.Property(u => u.PasswordHash).HasColumnName("password_hash").HasMaxLength(255).IsUnicode(false);
        builder.Property(u => u.IsAdmin).HasColumnName("is_admin");
        builder.Property(u => u.IsActive).HasColumnName("is_active");
        builder.Property(u => u.CreatedAt).HasColumnName("created_at");
        builder.Property(u => u.UpdatedAt).HasColumnName("updated_at");
        builder.Property(u => u.LastLoginAt).HasColumnName("last_login_at");
        builder.Property(u => u.TokenEpoch).HasColumnName("token_epoch").IsConcurrencyToken();
        builder.Ignore(u => u.IsSystemAccount);
        builder.Ignore(u => u.IsActiveAdministrator);

        builder.HasIndex(u => u.EmailKey).IsUnique().HasDatabaseName("ux_users_email_key");
        builder.HasIndex(u => new { u.IsAdmin, u.IsActive, u.CreatedAt }).HasDatabaseName("ix_users_admins_by_age");
        builder.HasIndex(u => new { u.CreatedAt, u.Id }).HasDatabaseName("ix_users_created");
    }
}
