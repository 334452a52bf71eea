using FluentValidation;
using Invoke.Application.Validation;
using Invoke.Domain.Users;

namespace Invoke.Application.Users;

internal static class UserValidation
{
    /// <summary>
    /// An address <see cref="EmailAddress"/> accepts. The message is the bare reason, with no
    /// "Value error, " prefix, as InvokeAI's e-mail validator reports it.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => EmailAddress.Parse(value, out _) is not null)
            .WithErrorCode("value_error")
            .WithMessage((_, value) => Reason(value))
            .WithState((_, value) => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["error"] = Reason(value) });

    public static IRuleBuilderOptions<T, string?> ValidDisplayName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.AtMostCharacters(UserLimits.MaxDisplayNameLength)
            // PostgreSQL text cannot hold NUL: refused here, as a 422, on every provider.
            .Must(value => value is null || !value.Contains('\0', StringComparison.Ordinal))
            .WithErrorCode("value_error")
            .WithMessage("Value error, the display name must not contain NUL characters");

    /// <summary>The address after validation; the validator has already refused a bad one.</summary>
    public static EmailAddress ParsedEmail(string email) =>
        EmailAddress.Parse(email, out var error) ?? throw new InvalidOperationException(error);

    private static string Reason(string? value)
    {
        EmailAddress.Parse(value, out var error);
        return error ?? string.Empty;
    }
}
