using Invoke.Domain.Rules;
using Invoke.Domain.Time;
using Invoke.Domain.Users.Rules;

namespace Invoke.Domain.Users;

/// <summary>
/// An account. Role, active flag and token epoch are read from here on every request, so a change
/// takes effect at once; bumping <see cref="TokenEpoch"/> revokes every token issued before.
/// </summary>
public sealed class User
{
    private User()
    {
    }

    public string Id { get; private set; } = null!;

    /// <summary>The address as entered (normalized).</summary>
    public string Email { get; private set; } = null!;

    /// <summary>The address folded for comparison; unique.</summary>
    public string EmailKey { get; private set; } = null!;

    public string? DisplayName { get; private set; }

    /// <summary>A bcrypt hash; empty for the <c>system</c> account, which therefore never verifies.</summary>
    public string PasswordHash { get; private set; } = null!;

    public bool IsAdmin { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public DateTime? LastLoginAt { get; private set; }

    public int TokenEpoch { get; private set; }

    public bool IsSystemAccount => Id == SystemAccount.UserId;

    public bool IsActiveAdministrator => IsAdmin && IsActive;

    public static User Register(EmailAddress email, string? displayName, string passwordHash, bool isAdmin, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        var time = StoredTime.ToMicroseconds(now);
        return new User
        {
            Id = Guid.NewGuid().ToString(),
            Email = email.Value,
            EmailKey = email.Key,
            DisplayName = displayName,
            PasswordHash = passwordHash,
            IsAdmin = isAdmin,
            IsActive = true,
            CreatedAt = time,
            UpdatedAt = time,
        };
    }

    /// <summary>
    /// An account brought over from another installation (InvokeAI): same id, flags, times, token
    /// epoch and bcrypt hash, so the user logs in with the password they already have.
    /// </summary>
    public static User Import(
        string id, EmailAddress email, string? displayName, string passwordHash, bool isAdmin, bool isActive,
        DateTime createdAt, DateTime updatedAt, DateTime? lastLoginAt, int tokenEpoch)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        BusinessRule.Check(new SystemAccountIsProtectedRule(id, changeIsRefusedForSystem: true));
        return new User
        {
            Id = id,
            Email = email.Value,
            EmailKey = email.Key,
            DisplayName = displayName,
            PasswordHash = passwordHash,
            IsAdmin = isAdmin,
            IsActive = isActive,
            CreatedAt = StoredTime.ToMicroseconds(createdAt),
            UpdatedAt = StoredTime.ToMicroseconds(updatedAt),
            LastLoginAt = lastLoginAt is { } at ? StoredTime.ToMicroseconds(at) : null,
            TokenEpoch = tokenEpoch,
        };
    }

    /// <summary>The <c>system</c> row every database holds: not an administrator, no password.</summary>
    public static User CreateSystemAccount(DateTime now)
    {
        var time = StoredTime.ToMicroseconds(now);
        return new User
        {
            Id = SystemAccount.UserId,
            Email = SystemAccount.Email,
            EmailKey = SystemAccount.Email,
            DisplayName = SystemAccount.DisplayName,
            PasswordHash = string.Empty,
            IsAdmin = false,
            IsActive = true,
            CreatedAt = time,
            UpdatedAt = time,
        };
    }

    /// <summary>Undoes tampering with the <c>system</c> row (a planted password or admin flag); true when it changed.</summary>
    public bool ResetSystemAccountProtection(DateTime now)
    {
        if (!IsSystemAccount || (!IsAdmin && PasswordHash.Length == 0 && IsActive))
        {
            return false;
        }

        IsAdmin = false;
        IsActive = true;
        PasswordHash = string.Empty;
        UpdatedAt = StoredTime.ToMicroseconds(now);
        return true;
    }

    /// <summary>
    /// Checks an administrator's change before any of it is applied, in InvokeAI's order: the
    /// <c>system</c> account's protection first, then the last administrator.
    /// </summary>
    public void EnsureAdministrativeChangeAllowed(bool? isAdmin, bool? isActive, bool changesPassword, int activeAdministrators)
    {
        BusinessRule.Check(new SystemAccountIsProtectedRule(Id, isActive == false || isAdmin == true || changesPassword));
        BusinessRule.Check(new LastAdministratorCannotBeRemovedRule(IsActiveAdministrator, isAdmin == false || isActive == false, activeAdministrators));
    }

    public void Rename(string? displayName, DateTime now)
    {
        DisplayName = displayName;
        UpdatedAt = StoredTime.ToMicroseconds(now);
    }

    /// <summary>Sets a new password and revokes every token issued before.</summary>
    public void ChangePassword(string passwordHash, DateTime now)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        BusinessRule.Check(new SystemAccountIsProtectedRule(Id, changeIsRefusedForSystem: true));
        PasswordHash = passwordHash;
        TokenEpoch++;
        UpdatedAt = StoredTime.ToMicroseconds(now);
    }

    /// <param name="activeAdministrators">Active administrators right now, counted under the user-administration lock.</param>
    public void SetAdministrator(bool isAdmin, int activeAdministrators, DateTime now)
    {
        BusinessRule.Check(new SystemAccountIsProtectedRule(Id, changeIsRefusedForSystem: isAdmin));
        BusinessRule.Check(new LastAdministratorCannotBeRemovedRule(IsActiveAdministrator, !isAdmin, activeAdministrators));
        IsAdmin = isAdmin;
        UpdatedAt = StoredTime.ToMicroseconds(now);
    }

    /// <param name="activeAdministrators">Active administrators right now, counted under the user-administration lock.</param>
    public void SetActive(bool isActive, int activeAdministrators, DateTime now)
    {
        BusinessRule.Check(new SystemAccountIsProtectedRule(Id, changeIsRefusedForSystem: !isActive));
        BusinessRule.Check(new LastAdministratorCannotBeRemovedRule(IsActiveAdministrator, !isActive, activeAdministrators));
        IsActive = isActive;
        UpdatedAt = StoredTime.ToMicroseconds(now);
    }

    /// <summary>Checks that the account may be deleted; the caller then removes it.</summary>
    public void Delete(int activeAdministrators)
    {
        BusinessRule.Check(new SystemAccountIsProtectedRule(Id, changeIsRefusedForSystem: true));
        BusinessRule.Check(new LastAdministratorCannotBeRemovedRule(IsActiveAdministrator, changeRemovesAdministrator: true, activeAdministrators));
    }

    public void RecordLogin(DateTime now)
    {
        var time = StoredTime.ToMicroseconds(now);
        LastLoginAt = time;
        UpdatedAt = time;
    }
}
