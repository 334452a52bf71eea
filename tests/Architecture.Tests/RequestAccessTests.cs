using System.Reflection;
using Invoke.Application.Security;
using Invoke.Application.Workflows;
using Mediator;

namespace Invoke.Architecture.Tests;

/// <summary>Authorization fails closed: every request type declares exactly one access level.</summary>
public sealed class RequestAccessTests
{
    public static TheoryData<Type> RequestTypes() => new(
        typeof(CreateWorkflowCommand).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMessage).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal));

    [Fact]
    public void TheApplicationHasRequestTypes()
    {
        RequestTypes().Should().HaveCountGreaterThan(10);
    }

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void EveryRequestType_DeclaresItsAccessLevel(Type requestType)
    {
        requestType.GetCustomAttributes<RequestAccessAttribute>(inherit: false)
            .Should().ContainSingle($"{requestType.Name} must say who may send it ([AllowAnonymousRequest], [RequireUser] or [RequireAdmin])");
    }

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void EveryRequestType_IsAnImmutableRecordNamedAfterItsKind(Type requestType)
    {
        requestType.GetMethod("<Clone>$").Should().NotBeNull($"{requestType.Name} should be a record");
        requestType.GetProperties()
            .Where(p => p.SetMethod is { } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Any())
            .Should().BeEmpty("commands and queries are immutable (init-only)");
        var expectedSuffix = typeof(IBaseCommand).IsAssignableFrom(requestType) ? "Command" : "Query";
        requestType.Name.Should().EndWith(expectedSuffix);
    }

    [Fact]
    public void Handlers_AreInternalAndSealed()
    {
        var handlers = typeof(CreateWorkflowCommand).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Handler", StringComparison.Ordinal) && !t.IsInterface)
            .ToList();

        handlers.Should().NotBeEmpty();
        handlers.Should().OnlyContain(t => t.IsSealed && !t.IsPublic, "handlers are reached through the mediator only");
    }
}
