using Invoke.Application.Errors;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Models;

[RequireAdmin]
public sealed record GetModelInstallJobQuery(int Id) : IQuery<ModelInstallJobDto>;

internal sealed class GetModelInstallJobHandler(ModelInstallJobLog jobs) : IQueryHandler<GetModelInstallJobQuery, ModelInstallJobDto>
{
    public ValueTask<ModelInstallJobDto> Handle(GetModelInstallJobQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(jobs.Find(query.Id) ?? throw new NotFoundException(ModelInstallJobLog.NoSuchJob(query.Id)));
}
