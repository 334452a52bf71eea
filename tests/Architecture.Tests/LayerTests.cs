using System.Reflection;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure;
using Invoke.WebApi.Hosting;

namespace Invoke.Architecture.Tests;

/// <summary>Dependencies point inwards only: WebApi → Infrastructure → Application → Domain.</summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(Workflow).Assembly;
    private static readonly Assembly Application = typeof(CreateWorkflowCommand).Assembly;
    private static readonly Assembly Infrastructure = typeof(InvokeOptions).Assembly;
    private static readonly Assembly WebApi = typeof(InvokeHost).Assembly;

    [Fact]
    public void Domain_ReferencesNothingButTheSpecificationLibrary()
    {
        References(Domain).Should().BeEquivalentTo(["Ardalis.Specification"]);
    }

    [Fact]
    public void Application_DependsOnlyOnDomainAndAbstractions()
    {
        var references = References(Application);

        references.Should().Contain("Invoke.Domain");
        references.Should().NotContain(["Invoke.Infrastructure", "Invoke.WebApi"]);
        references.Should().NotContain(name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        references.Should().NotContain(name =>
            name.StartsWith("Microsoft.EntityFrameworkCore.", StringComparison.Ordinal)
            || name.StartsWith("Npgsql", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Data.", StringComparison.Ordinal),
            "the application layer knows EF Core's abstractions, never a database provider");
    }

    [Fact]
    public void Infrastructure_DoesNotDependOnTheWebLayer()
    {
        References(Infrastructure).Should().NotContain("Invoke.WebApi");
    }

    [Fact]
    public void WebApi_IsTheOnlyProjectThatRunsTheMediatorGenerator()
    {
        WebApi.GetTypes().Should().Contain(t => t.Name == "Mediator" && t.Namespace == "Mediator");
        Application.GetTypes().Should().NotContain(t => t.Name == "Mediator" && t.Namespace == "Mediator");
    }

    private static List<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !IsFramework(name))
            .ToList();

    private static bool IsFramework(string name) =>
        name is "netstandard" or "mscorlib"
        || name.StartsWith("System", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.CSharp", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.Win32", StringComparison.Ordinal);
}
