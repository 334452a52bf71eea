using FluentAssertions.Specialized;
using Invoke.Domain.Rules;

namespace Invoke.Domain.UnitTests.Workflows;

internal static class RuleAssertions
{
    /// <summary>Asserts that <paramref name="act"/> broke exactly the rule <typeparamref name="TRule"/>, with its wire message.</summary>
    public static TRule ShouldBreak<TRule>(this Action act, string message)
        where TRule : IBusinessRule =>
        Check<TRule>(act.Should().Throw<BusinessRuleViolationException>(), message);

    public static TRule ShouldBreak<TRule, TResult>(this Func<TResult> act, string message)
        where TRule : IBusinessRule =>
        Check<TRule>(act.Should().Throw<BusinessRuleViolationException>(), message);

    private static TRule Check<TRule>(ExceptionAssertions<BusinessRuleViolationException> thrown, string message)
        where TRule : IBusinessRule
    {
        var rule = thrown.Which.BrokenRule.Should().BeOfType<TRule>().Subject;
        rule.Message.Should().Be(message);
        thrown.Which.Message.Should().Be(message);
        return rule;
    }
}
