using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Models;

/// <summary>The install jobs not yet pruned.</summary>
[RequireAdmin]
public sealed record ListModelInstallJobsQuery : IQuery<IReadOnlyList<ModelInstallJobDto>>;

internal sealed class ListModelInstallJobsHandler(ModelInstallJobLog jobs)
    : IQueryHandler<ListModelInstallJobsQuery, IReadOnlyList<ModelInstallJobDto>>
{
    public async ValueTask<IReadOnlyList<ModelInstallJobDto>> Handle(ListModelInstallJobsQuery query, CancellationToken cancellationToken) =>
        await jobs.AllAsync(cancellationToken);
}
