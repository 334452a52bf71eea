using System.Globalization;
using Invoke.Application.Errors;
using Invoke.Application.Models;
using Invoke.Application.Workflows;
using Invoke.WebApi.Http;
using Invoke.WebApi.Security;
using Mediator;

namespace Invoke.WebApi.Models;

/// <summary><c>/api/v2/models</c>: the model registry (contract §5, Part A.3).</summary>
internal static class ModelEndpoints
{
    /// <summary>Routes that need the internet or a GPU runtime: gated as management, then 501.</summary>
    private static readonly (string Method, string Pattern, string OperationId)[] UnsupportedRoutes =
    [
        ("POST", "/i/{key}/reidentify", "reidentify_model"),
        ("POST", "/i/bulk_reidentify", "bulk_reidentify_models"),
        ("PATCH", "/i/{key}/image", "update_model_image"),
        ("DELETE", "/i/{key}/image", "delete_model_image"),
        ("GET", "/hugging_face", "get_hugging_face_models"),
        ("GET", "/install/huggingface", "install_hugging_face_model"),
        ("POST", "/install/{id}/pause", "pause_model_install_job"),
        ("POST", "/install/{id}/resume", "resume_model_install_job"),
        ("POST", "/install/{id}/restart_failed", "restart_failed_model_install_job"),
        ("POST", "/install/{id}/restart_file", "restart_model_install_file"),
        ("PUT", "/convert/{key}", "convert_model"),
        ("GET", "/stats", "get_stats"),
        ("POST", "/empty_model_cache", "empty_model_cache"),
        ("GET", "/hf_login", "get_hf_login_status"),
        ("POST", "/hf_login", "do_hf_login"),
        ("DELETE", "/hf_login", "reset_hf_token"),
    ];

    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/models").WithTags("model_manager");

        var read = group.MapGroup(string.Empty).WithAccess(RouteAccess.User);
        read.MapGet("/", async (ListModelsRequest request, ISender sender) => Api.Ok(await sender.Send(request.Query)))
            .WithName("list_model_records").WithTrailingSlash().Returns<ModelsListDto>();
        read.MapGet("/missing", async (ISender sender) => Api.Ok(await sender.Send(new ListMissingModelsQuery())))
            .WithName("list_missing_models").Returns<ModelsListDto>();
        read.MapGet("/get_by_attrs", async (GetModelByAttributesRequest request, ISender sender) => Api.Ok(await sender.Send(request.Query)))
            .WithName("get_model_records_by_attrs").Returns<RawJson>();
        read.MapGet("/get_by_hash", async (GetModelByHashRequest request, ISender sender) => Api.Ok(await sender.Send(request.Query)))
            .WithName("get_model_records_by_hash").Returns<RawJson>();
        read.MapGet("/i/{key}", async (string key, ISender sender) => Api.Ok(await sender.Send(new GetModelQuery(key))))
            .WithName("get_model_record").Returns<RawJson>();

        // No cover images are stored; InvokeAI answers a bare 404 for any image it cannot serve.
        group.MapGet("/i/{key}/image", (string key) => Results.Json(ErrorResponses.Detail("Not Found"), ApiJson.Options, statusCode: StatusCodes.Status404NotFound))
            .WithName("get_model_image")
            .ReturnsImage()
            .WithAccess(RouteAccess.Public);

        var manage = group.MapGroup(string.Empty).WithAccess(RouteAccess.Admin);
        manage.MapGet("/scan_folder", async (ScanModelFolderRequest request, ISender sender) => Api.Ok(await sender.Send(request.Query)))
            .WithName("scan_for_models").Returns<IReadOnlyList<FoundModelDto>>();
        manage.MapPatch("/i/{key}", async (UpdateModelRequest request, ISender sender) => Api.Ok(await sender.Send(request.Command)))
            .WithName("update_model_record").Returns<RawJson>();
        manage.MapDelete("/i/{key}", async (string key, ISender sender) => Api.NoContent(await sender.Send(new DeleteModelCommand(key))))
            .WithName("delete_model").ReturnsNoContent();
        manage.MapPost("/i/bulk_delete", async (BulkDeleteModelsRequest request, ISender sender) => Api.Ok(await sender.Send(request.Command)))
            .WithName("bulk_delete_models").Returns<BulkDeleteModelsResultDto>();
        manage.MapPost("/install", async (InstallModelRequest request, ISender sender) => Api.Created(await sender.Send(request.Command)))
            .WithName("install_model").Returns<ModelInstallJobDto>(StatusCodes.Status201Created);
        manage.MapGet("/install", async (ISender sender) => Api.Ok(await sender.Send(new ListModelInstallJobsQuery())))
            .WithName("list_model_installs").Returns<IReadOnlyList<ModelInstallJobDto>>();
        manage.MapGet("/install/{id}", GetInstallJobAsync)
            .WithName("get_model_install_job").WithIntegerRouteParameter("id").Returns<ModelInstallJobDto>();
        manage.MapDelete("/install", async (ISender sender) => Api.NoContent(await sender.Send(new PruneModelInstallJobsCommand())))
            .WithName("prune_model_install_jobs").ReturnsNoContent();
        manage.MapGet("/sync/orphaned", async (ISender sender) => Api.Ok(await sender.Send(new ListOrphanedModelsQuery())))
            .WithName("get_orphaned_models").Returns<IReadOnlyList<OrphanedModelInfoDto>>();
        manage.MapDelete("/sync/orphaned", async (DeleteOrphanedModelsRequest request, ISender sender) => Api.Ok(await sender.Send(request.Command)))
            .WithName("delete_orphaned_models").Returns<DeleteOrphanedModelsResultDto>();

        // The starter-model catalogue needs the internet; the Starter Models tab shows it as empty.
        manage.MapGet("/starter_models", () => Api.Ok(new StarterModels([], new Dictionary<string, object>())))
            .WithName("get_starter_models").Returns<StarterModels>();
        foreach (var (method, pattern, operationId) in UnsupportedRoutes)
        {
            var route = manage.MapMethods(pattern, [method], (ISender sender) => RefuseAsync(sender, operationId))
                .WithName(operationId)
                .Produces<ErrorDetail>(StatusCodes.Status501NotImplemented);
            if (pattern.Contains("{id}", StringComparison.Ordinal))
            {
                route.WithIntegerRouteParameter("id");
            }
        }

        return app;
    }

    private static async Task<IResult> GetInstallJobAsync(string id, ISender sender)
    {
        if (!int.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var jobId))
        {
            throw new RequestValidationException(new RequestValidationError(
                "int_parsing", ["path", "id"], "Input should be a valid integer, unable to parse string as an integer", id));
        }

        return Api.Ok(await sender.Send(new GetModelInstallJobQuery(jobId)));
    }

    private static async Task<IResult> RefuseAsync(ISender sender, string operationId)
    {
        await sender.Send(new RefuseUnsupportedModelOperationCommand(operationId));
        return Results.StatusCode(StatusCodes.Status501NotImplemented);
    }

    /// <summary>InvokeAI's starter-model catalogue, always empty here.</summary>
    internal sealed record StarterModels(IReadOnlyList<IReadOnlyDictionary<string, object>> starter_models, IReadOnlyDictionary<string, object> starter_bundles);
}
