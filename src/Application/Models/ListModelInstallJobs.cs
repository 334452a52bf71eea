using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Models;

/// <summary>The install jobs since the server started.</summary>
[RequireAdmin]
public sealed record ListModelInstallJobsQuery : IQuery<IReadOnlyList<ModelInstallJobDto>>;

internal sealed class ListModelInstallJobsHandler(ModelInstallJobLog jobs)
    : IQueryHandler<ListModelInstallJobsQuery, IReadOnlyList<ModelInstallJobDto>>
{
    public ValueTask<IReadOnlyList<ModelInstallJobDto>> Handle(ListModelInstallJobsQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(jobs.All());
}
