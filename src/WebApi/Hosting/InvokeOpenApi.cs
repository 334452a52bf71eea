using Invoke.WebApi.Http;
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

    public static IServiceCollection AddInvokeOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // 3.0 rather than 3.1: the version client generators read best.
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo { Title = "Invoke", Version = App.AppEndpoints.Version };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<OperationDescriptionTransformer>();
            options.AddDocumentTransformer<TrailingSlashTransformer>();
        });

    public static void MapInvokeOpenApi(this WebApplication app) =>
        app.MapOpenApi(DocumentPath).WithAccess(RouteAccess.Public);
}
