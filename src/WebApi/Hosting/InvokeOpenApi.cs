using Invoke.WebApi.Http;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Invoke.WebApi.Security;
using Microsoft.OpenApi;

namespace Invoke.WebApi.Hosting;

/// <summary>
/// <c>/openapi.json</c>: one document of every route, that a client generator can work from. Every
/// transformer is registered here, in the order they run.
/// </summary>
internal static class InvokeOpenApi
{
    public const string DocumentPath = "/openapi.json";

    public static IServiceCollection AddInvokeOpenApi(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Transient<IApiDescriptionProvider, BoundRequestApiDescriptionProvider>());
        return services.AddOpenApi(options =>
        {
            // 3.0 rather than 3.1: the version client generators read best.
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;

            // Body shapes are named after InvokeAI's models (LoginRequestSchema documents LoginRequest).
            options.CreateSchemaReferenceId = type =>
                OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { Length: > 6 } id && id.EndsWith("Schema", StringComparison.Ordinal) ? id[..^6] : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo { Title = "Invoke", Version = App.AppEndpoints.Version };
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer<RawJsonSchemaTransformer>();
            options.AddOperationTransformer<OperationDescriptionTransformer>();
            options.AddDocumentTransformer<TrailingSlashTransformer>();
        });
    }

    public static void MapInvokeOpenApi(this WebApplication app) =>
        app.MapOpenApi(DocumentPath).WithAccess(RouteAccess.Public);
}
