namespace Invoke.Domain.Rules;

/// <summary>
/// A named invariant of an aggregate. Aggregates check rules through <see cref="BusinessRule.Check"/>,
/// so that a broken rule surfaces as a <see cref="BusinessRuleViolationException"/> naming it.
/// </summary>
public interface IBusinessRule
{
    /// <summary>What the rule guards against, phrased as the caller sees it (the wire <c>detail</c>).</summary>
    string Message { get; }

    /// <summary>Whether breaking the rule means the caller may not do this, or the request makes no sense.</summary>
    RuleViolationKind Kind { get; }

    bool IsBroken();
}

public enum RuleViolationKind
{
    /// <summary>The caller is not allowed to do this to this object.</summary>
    Forbidden,

    /// <summary>The change itself is not allowed, whoever asks.</summary>
    Invalid,
}

public static class BusinessRule
{
    public static void Check(IBusinessRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.IsBroken())
        {
            throw new BusinessRuleViolationException(rule);
        }
    }
}

public sealed class BusinessRuleViolationException(IBusinessRule rule) : Exception(rule.Message)
{
    public IBusinessRule BrokenRule { get; } = rule;
}
