using Invoke.Application.Errors;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Models;

[RequireAdmin]
public sealed record GetModelInstallJobQuery(int Id) : IQuery<ModelInstallJobDto>;

internal sealed class GetModelInstallJobHandler(ModelInstallJobLog jobs) : IQueryHandler<GetModelInstallJobQuery, ModelInstallJobDto>
{
    public async ValueTask<ModelInstallJobDto> Handle(GetModelInstallJobQuery query, CancellationToken cancellationToken) =>
        await jobs.FindAsync(query.Id, cancellationToken) ?? throw new NotFoundException(ModelInstallJobLog.NoSuchJob(query.Id));
}
