using Invoke.Application.Errors;
using Invoke.Domain.Rules;

namespace Invoke.Application.FunctionalTests.Testing;

public static class RequestAssertions
{
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
    public static async Task<RequestValidationError> ShouldFailValidationAsync(this Func<Task> act) =>
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
