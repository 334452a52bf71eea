using FluentValidation;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Workflows;

/// <summary>For each requested tag, how many of the workflows the caller sees carry it (substring match).</summary>
[RequireUser]
public sealed record CountWorkflowsByTagQuery(
    IReadOnlyList<string> Tags,
    IReadOnlyCollection<WorkflowCategory>? Categories = null,
    bool? HasBeenOpened = null,
    bool? IsPublic = null) : IQuery<IReadOnlyDictionary<string, int>>;

internal sealed class CountWorkflowsByTagValidator : AbstractValidator<CountWorkflowsByTagQuery>
{
    public CountWorkflowsByTagValidator()
    {
        RuleFor(q => q.Tags).NotNull().WithErrorCode("missing").WithMessage("Field required").OverridePropertyName("query.tags");
    }
}

internal sealed class CountWorkflowsByTagHandler(IAppDbContext db, ICurrentUser currentUser)
    : IQueryHandler<CountWorkflowsByTagQuery, IReadOnlyDictionary<string, int>>
{
    public async ValueTask<IReadOnlyDictionary<string, int>> Handle(CountWorkflowsByTagQuery query, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tag in query.Tags.Distinct(StringComparer.Ordinal))
        {
            var filter = new WorkflowFilter(query.Categories, [tag], HasBeenOpened: query.HasBeenOpened, IsPublic: query.IsPublic);
            counts[tag] = await db.Workflows.WhereSatisfies(new WorkflowsInLibrarySpec(actor, filter)).CountAsync(cancellationToken);
        }

        return counts;
    }
}
