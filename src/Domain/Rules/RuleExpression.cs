using System.Linq.Expressions;

namespace Invoke.Domain.Rules;

/// <summary>
/// A rule written once as an expression over the object and an argument (<c>(w, userId) => …</c>),
/// used two ways: bound to a value, as a specification's filter, or spliced into a query that is
/// compiled once with the argument as one of its parameters.
/// </summary>
public static class RuleExpression
{
    /// <summary>
    /// The rule with its argument fixed to <paramref name="value"/>. The value is read through a
    /// captured object, as a closure's variable is, so that a query provider sends it as a parameter
    /// (one cached plan for every value) instead of writing it into the SQL.
    /// </summary>
    public static Expression<Func<T, bool>> Bind<T, TArgument>(this Expression<Func<T, TArgument, bool>> rule, TArgument value)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var argument = Expression.Property(Expression.Constant(new Argument<TArgument>(value)), nameof(Argument<TArgument>.Value));
        return Expression.Lambda<Func<T, bool>>(rule.Apply(rule.Parameters[0], argument), rule.Parameters[0]);
    }

    /// <summary>The rule's body with its parameters replaced by <paramref name="arguments"/>, in order.</summary>
    public static Expression Apply(this LambdaExpression rule, params Expression[] arguments)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Length != rule.Parameters.Count)
        {
            throw new ArgumentException($"The rule takes {rule.Parameters.Count} arguments, not {arguments.Length}.", nameof(arguments));
        }

        return new Substitution(rule.Parameters, arguments).Visit(rule.Body);
    }

    /// <summary>
    /// Stands for the rule inside a query written in C#, where an expression cannot be called:
    /// <see cref="Inline{TDelegate}"/> replaces it with the rule's body. Called directly, it evaluates
    /// the rule in memory.
    /// </summary>
    public static bool Holds<T, TArgument>(this Expression<Func<T, TArgument, bool>> rule, T item, TArgument argument)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Compile()(item, argument);
    }

    /// <summary>The query with every <see cref="Holds{T, TArgument}"/> replaced by the rule it names, applied to its arguments.</summary>
    public static Expression<TDelegate> Inline<TDelegate>(Expression<TDelegate> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return (Expression<TDelegate>)new Inlining().Visit(query);
    }

    private sealed class Inlining : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (!node.Method.IsGenericMethod || node.Method.GetGenericMethodDefinition() != HoldsMethod)
            {
                return base.VisitMethodCall(node);
            }

            // The rule is a value the query refers to (a static property): read it once, here.
            var rule = Expression.Lambda<Func<LambdaExpression>>(node.Arguments[0]).Compile()();
            return rule.Apply(Visit(node.Arguments[1]), Visit(node.Arguments[2]));
        }
    }

    private static readonly System.Reflection.MethodInfo HoldsMethod =
        typeof(RuleExpression).GetMethod(nameof(Holds)) ?? throw new InvalidOperationException("RuleExpression.Holds is missing.");

    private sealed class Argument<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }

    private sealed class Substitution(IReadOnlyList<ParameterExpression> parameters, Expression[] arguments) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                if (parameters[i] == node)
                {
                    return arguments[i];
                }
            }

            return node;
        }
    }
}
