using FluentValidation;
using Invoke.Application.Models;
using Invoke.Application.Security;
using Invoke.Domain.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Validators and the caller's identity. The mediator itself and its behaviors are registered by
    /// the host, which runs the source generator.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, ServerMode mode)
    {
        services.AddSingleton(mode);
        services.AddScoped<CurrentUserHolder>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUserHolder>());
        services.AddScoped<Users.TokenAuthenticator>();
        services.AddScoped<ModelInstallJobLog>();
        services.AddSingleton(ModelScanLimits.Default);
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }
}
