using Invoke.Application.ClientState;
using Invoke.Application.Models;
using Invoke.Application.Users;
using Invoke.Application.Workflows;
using Invoke.Domain.Models;
using Invoke.Infrastructure.ClientState;
using Invoke.Infrastructure.Models;
using Invoke.Infrastructure.Persistence;
using Invoke.Infrastructure.Users;
using Invoke.Infrastructure.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Invoke.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Database, files and the other outside-world services, for the given options.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, InvokeOptions options, InvokePaths paths)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(paths);
        services.TryAddSingleton(TimeProvider.System);
        services.AddPersistence(options.Database, paths);
        services.AddScoped<DatabaseWorkflowThumbnailStore>();
        services.AddScoped<IWorkflowThumbnailStore>(sp => sp.GetRequiredService<DatabaseWorkflowThumbnailStore>());
        services.AddScoped<LegacyThumbnailFiles>();
        services.AddSingleton<IDefaultWorkflowCatalog, EmbeddedDefaultWorkflowCatalog>();
        services.AddScoped<IWorkflowLibraryCounts, WorkflowLibraryCounts>();
        services.AddScoped<IWorkflowTextSearch, WorkflowTextSearch>();
        services.AddSingleton<IPasswordHasher, BcryptPasswordHasher>();
        services.AddSingleton<ITokenService, JwtTokenService>();
        services.AddScoped<JwtSecretStore>();
        services.AddScoped<IUserAdministrationLock, UserAdministrationLock>();
        services.AddScoped<ILoginThrottle, DatabaseLoginThrottle>();
        services.AddScoped<IClientStateStore, DatabaseClientStateStore>();
        services.AddSingleton(_ =>
        {
            Directory.CreateDirectory(paths.ModelsDirectory);
            return new ModelsDirectory(paths.ModelsDirectory, paths.ServerData);
        });
        services.AddSingleton<IModelFileSystem, ModelFileSystem>();
        return services;
    }
}
