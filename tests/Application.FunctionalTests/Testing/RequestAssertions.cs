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
}
