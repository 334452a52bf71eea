using Invoke.Application.Errors;
using Invoke.Domain.Rules;

namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>Asserting how a request failed: which domain rule broke, or which error the caller gets.</summary>
public static class RequestAssertions
{
    /// <summary>Asserts that the request broke <typeparamref name="TRule"/>, whose message the caller sees as the detail.</summary>
    public static async Task<TRule> ShouldBreakAsync<TRule>(this Func<Task> act, string message)
        where TRule : IBusinessRule
    {
        var thrown = await act.Should().ThrowAsync<BusinessRuleViolationException>();
        var rule = thrown.Which.BrokenRule.Should().BeOfType<TRule>().Subject;
        rule.Message.Should().Be(message);
        return rule;
    }

    /// <summary>Asserts that the request failed with <typeparamref name="TException"/> and the given detail.</summary>
    public static async Task ShouldFailWithAsync<TException>(this Func<Task> act, string detail)
        where TException : RequestException
    {
        (await act.Should().ThrowExactlyAsync<TException>()).Which.Detail.Should().Be(detail);
    }

    /// <summary>Asserts that the request failed validation, and returns the problems found.</summary>
    public static async Task<IReadOnlyList<RequestValidationError>> ShouldFailValidationAsync(this Func<Task> act) =>
        (await act.Should().ThrowExactlyAsync<RequestValidationException>()).Which.Errors;

    /// <summary>Asserts that the request breaks the named rule, and returns the rule's message.</summary>
    public static async Task<string> ShouldBreakAsync<TRule>(this Func<Task> act)
        where TRule : IBusinessRule
    {
        var violation = await act.Should().ThrowAsync<BusinessRuleViolationException>();
        return violation.Which.BrokenRule.Should().BeOfType<TRule>().Subject.Message;
    }

    /// <summary>Asserts that the request fails with <typeparamref name="TException"/>, and returns its <c>detail</c>.</summary>
    public static async Task<string> ShouldFailWithAsync<TException>(this Func<Task> act)
        where TException : RequestException =>
        (await act.Should().ThrowAsync<TException>()).Which.Detail;

    /// <summary>Asserts a single 422 item and returns it.</summary>
    public static async Task<RequestValidationError> ShouldFailWithSingleValidationErrorAsync(this Func<Task> act) =>
        (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Should().ContainSingle().Subject;

    /// <summary>The exception a request ended with, or null when it succeeded (for races, where either may happen).</summary>
    public static async Task<Exception?> OutcomeAsync(this Func<Task> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        try
        {
            await act();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
