using System.Linq.Expressions;
using Invoke.Domain.Rules;

namespace Invoke.Domain.UnitTests.Rules;

public sealed class RuleExpressionTests
{
    private static Expression<Func<string, int, bool>> LongerThan { get; } = (text, length) => text.Length > length;

    [Fact]
    public void Bind_FixesTheArgument()
    {
        var longerThanThree = LongerThan.Bind(3).Compile();

        longerThanThree("four").Should().BeTrue();
        longerThanThree("two").Should().BeFalse();
    }

    [Fact]
    public void Bind_ReadsTheValueThroughAnObject_SoThatAProviderSendsItAsAParameter()
    {
        var bound = LongerThan.Bind(3);

        // A constant in the tree would be written into the SQL; a member of a captured object is sent as a parameter.
        var comparison = (BinaryExpression)bound.Body;
        comparison.Right.Should().BeAssignableTo<MemberExpression>()
            .Which.Expression.Should().BeOfType<ConstantExpression>();
    }

    [Fact]
    public void Inline_ReplacesTheRuleWithItsBody_OnTheQuerysOwnParameters()
    {
        var inlined = RuleExpression.Inline<Func<string[], int, IEnumerable<string>>>(
            (words, length) => words.Where(w => LongerThan.Holds(w, length)));

        new InvocationFinder().Finds(inlined).Should().BeFalse("the rule must be spliced in, not called");
        inlined.ToString().Should().Contain("w.Length > length");
        inlined.Compile()(["a", "abcd", "abc", "abcde"], 3).Should().Equal("abcd", "abcde");
    }

    [Fact]
    public void Holds_EvaluatesTheRuleInMemory()
    {
        LongerThan.Holds("abcd", 3).Should().BeTrue();
        LongerThan.Holds("abc", 3).Should().BeFalse();
    }

    [Fact]
    public void Apply_RefusesTheWrongNumberOfArguments()
    {
        var apply = () => LongerThan.Apply(Expression.Constant("x"));

        apply.Should().Throw<ArgumentException>().WithMessage("*takes 2 arguments, not 1*");
    }

    private sealed class InvocationFinder : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression expression)
        {
            Visit(expression);
            return _found;
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            _found |= node.Method.Name == nameof(RuleExpression.Holds);
            return base.VisitMethodCall(node);
        }
    }
}
