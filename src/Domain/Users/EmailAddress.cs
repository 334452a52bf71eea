using System.Globalization;
using System.Text;

namespace Invoke.Domain.Users;

/// <summary>
/// A validated, normalized e-mail address. The domain is lower-cased (and IDNA-encoded when it is
/// not ASCII), the local part keeps its case, the whole address is NFC-normalized. Addresses on
/// special-use domains (<c>.local</c>, <c>.test</c>, <c>localhost</c>, …) or without a dot are
/// accepted in their lower-cased form when they have a plain <c>local@domain</c> shape.
/// Uniqueness and lookups compare <see cref="Key"/>, so <c>User@x.com</c> and <c>user@x.com</c>
/// are one account.
/// </summary>
public sealed record EmailAddress
{
    private static readonly string[] SpecialUseSuffixes =
        ["arpa", "invalid", "local", "localhost", "onion", "test", "example", "internal", "home.arpa"];

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    private EmailAddress(string value)
    {
        Value = value;
        Key = value.ToLowerInvariant();
    }

    /// <summary>The address as shown and stored.</summary>
    public string Value { get; }

    /// <summary>The address folded for comparison: unique per account.</summary>
    public string Key { get; }

    public override string ToString() => Value;

    /// <summary>An address known to be valid (read back from the database).</summary>
    public static EmailAddress FromTrusted(string value) => new(value);

    /// <summary>The normalized address, or null with the reason the address is refused.</summary>
    public static EmailAddress? Parse(string? input, out string? error)
    {
        error = null;
        var text = (input ?? string.Empty).Normalize(NormalizationForm.FormC);
        var trimmed = text.Trim();

        var at = trimmed.LastIndexOf('@');
        if (at < 0)
        {
            error = "Email address must contain an @ symbol";
            return null;
        }

        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        if (local.Length == 0 || domain.Length == 0)
        {
            error = "Email address must have both local and domain parts";
            return null;
        }

        if (trimmed.Length > UserLimits.MaxEmailLength)
        {
            error = $"Invalid email address: The email address is too long ({trimmed.Length - UserLimits.MaxEmailLength} characters too many).";
            return null;
        }

        if (LocalPartError(local) is { } localError)
        {
            error = "Invalid email address: " + localError;
            return null;
        }

        var asciiDomain = ToAsciiDomain(domain, out var domainError);
        if (asciiDomain is null)
        {
            error = "Invalid email address: " + domainError;
            return null;
        }

        if (IsSpecialUse(asciiDomain) || !asciiDomain.Contains('.', StringComparison.Ordinal))
        {
            // InvokeAI accepts these in a lower-cased fallback form; a bare host must be localhost.
            if (!asciiDomain.Contains('.', StringComparison.Ordinal) && asciiDomain != "localhost")
            {
                error = "Email domain must contain a dot or be 'localhost'";
                return null;
            }

            return new EmailAddress(trimmed.ToLowerInvariant());
        }

        return new EmailAddress($"{local}@{DisplayDomain(domain, asciiDomain)}");
    }

    private static string? LocalPartError(string local)
    {
        if (local.Length > 64)
        {
            return $"The email address is too long before the @-sign ({local.Length - 64} characters too many).";
        }

        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return "An email address cannot have a period immediately before the @-sign, start with a period, or have two periods in a row.";
        }

        foreach (var rune in local.EnumerateRunes())
        {
            var ok = rune.Value > 127
                ? !Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune)
                : char.IsAsciiLetterOrDigit((char)rune.Value) || "!#$%&'*+-/=?^_`{|}~.".Contains((char)rune.Value, StringComparison.Ordinal);
            if (!ok)
            {
                return $"The email address contains invalid characters before the @-sign: '{rune}'.";
            }
        }

        return null;
    }

    private static string? ToAsciiDomain(string domain, out string? error)
    {
        error = null;
        var lowered = domain.ToLowerInvariant();
        if (lowered.StartsWith('.') || lowered.EndsWith('.') || lowered.Contains("..", StringComparison.Ordinal))
        {
            error = "An email address cannot have a period immediately after the @-sign, end with a period, or have two periods in a row.";
            return null;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(lowered);
        }
        catch (ArgumentException)
        {
            error = "The part after the @-sign contains invalid characters.";
            return null;
        }

        if (ascii.Length > 253 || ascii.Split('.').Any(label => label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-')))
        {
            error = "The part after the @-sign is not valid. It is not within a valid top-level domain.";
            return null;
        }

        return ascii;
    }

    private static bool IsSpecialUse(string asciiDomain) =>
        SpecialUseSuffixes.Any(suffix => asciiDomain == suffix || asciiDomain.EndsWith("." + suffix, StringComparison.Ordinal));

    /// <summary>Internationalized domains are shown in Unicode, as the user typed them (lower-cased).</summary>
    private static string DisplayDomain(string domain, string asciiDomain)
    {
        try
        {
            return Idn.GetUnicode(asciiDomain);
        }
        catch (ArgumentException)
        {
            return domain.ToLowerInvariant();
        }
    }
}
