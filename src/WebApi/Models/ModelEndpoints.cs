using System.Globalization;
using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Application.Models;
using Invoke.Domain.Models;
using Invoke.Domain.Models.Specifications;
using Invoke.Domain.Workflows.Specifications;
using Invoke.WebApi.Http;
using Invoke.WebApi.Security;
using Mediator;

namespace Invoke.WebApi.Models;

/// <summary><c>/api/v2/models</c>: the model registry (contract §5, Part A.3).</summary>
internal static class ModelEndpoints
{
    private static readonly Dictionary<string, ModelOrderBy> OrderBy = new(StringComparer.Ordinal)
    {
        ["default"] = ModelOrderBy.Default,
        ["type"] = ModelOrderBy.Type,
        ["base"] = ModelOrderBy.Base,
        ["name"] = ModelOrderBy.Name,
        ["format"] = ModelOrderBy.Format,
    };

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
        read.MapGet("/", ListAsync).WithName("list_model_records");
        read.MapGet("/missing", ListMissingAsync).WithName("list_missing_models");
        read.MapGet("/get_by_attrs", GetByAttributesAsync).WithName("get_model_records_by_attrs");
        read.MapGet("/get_by_hash", GetByHashAsync).WithName("get_model_records_by_hash");
        read.MapGet("/i/{key}", GetAsync).WithName("get_model_record");

        // No cover images are stored; InvokeAI answers a bare 404 for any image it cannot serve.
        group.MapGet("/i/{key}/image", () => Results.Json(ErrorResponses.Detail("Not Found"), ApiJson.Options, statusCode: StatusCodes.Status404NotFound))
            .WithName("get_model_image")
            .WithAccess(RouteAccess.Public);

        var manage = group.MapGroup(string.Empty).WithAccess(RouteAccess.Admin);
        manage.MapGet("/scan_folder", ScanFolderAsync).WithName("scan_for_models");
        manage.MapPatch("/i/{key}", UpdateAsync).WithName("update_model_record");
        manage.MapDelete("/i/{key}", DeleteAsync).WithName("delete_model");
        manage.MapPost("/i/bulk_delete", BulkDeleteAsync).WithName("bulk_delete_models");
        manage.MapPost("/install", InstallAsync).WithName("install_model");
        manage.MapGet("/install", ListInstallJobsAsync).WithName("list_model_installs");
        manage.MapGet("/install/{id}", GetInstallJobAsync).WithName("get_model_install_job");
        manage.MapDelete("/install", PruneInstallJobsAsync).WithName("prune_model_install_jobs");
        manage.MapGet("/sync/orphaned", ListOrphanedAsync).WithName("get_orphaned_models");
        manage.MapDelete("/sync/orphaned", DeleteOrphanedAsync).WithName("delete_orphaned_models");

        // The starter-model catalogue needs the internet; the Starter Models tab shows it as empty.
        manage.MapGet("/starter_models", () => Json(new StarterModels([], new Dictionary<string, object>())))
            .WithName("get_starter_models");
        foreach (var (method, pattern, operationId) in UnsupportedRoutes)
        {
            manage.MapMethods(pattern, [method], (ISender sender) => RefuseAsync(sender, operationId)).WithName(operationId);
        }

        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ISender sender)
    {
        var query = new QueryReader(request.Query);
        var bases = query.StringList("base_models");
        var type = query.String("model_type");
        var name = query.String("model_name");
        var format = query.String("model_format");
        var orderBy = query.Enum("order_by", OrderBy);
        var direction = query.Enum("direction", QueryReader.SortDirections);
        query.ThrowIfInvalid();
        return Json(await sender.Send(new ListModelsQuery(
            bases, type, name, format, orderBy ?? ModelOrderBy.Name, direction ?? SortDirection.Ascending)));
    }

    private static async Task<IResult> ListMissingAsync(ISender sender) => Json(await sender.Send(new ListMissingModelsQuery()));

    private static async Task<IResult> GetByAttributesAsync(HttpRequest request, ISender sender)
    {
        var query = new QueryReader(request.Query);
        var name = Required(query, "name");
        var type = Required(query, "type");
        var modelBase = Required(query, "base");
        query.ThrowIfInvalid();
        return Json(await sender.Send(new GetModelByAttributesQuery(name!, type!, modelBase!)));
    }

    private static async Task<IResult> GetByHashAsync(HttpRequest request, ISender sender)
    {
        var query = new QueryReader(request.Query);
        var hash = Required(query, "hash");
        query.ThrowIfInvalid();
        return Json(await sender.Send(new GetModelByHashQuery(hash!)));
    }

    private static async Task<IResult> GetAsync(string key, ISender sender) => Json(await sender.Send(new GetModelQuery(key)));

    private static async Task<IResult> ScanFolderAsync(HttpRequest request, ISender sender) =>
        Json(await sender.Send(new ScanModelFolderQuery(new QueryReader(request.Query).String("scan_path"))));

    private static async Task<IResult> UpdateAsync(string key, HttpRequest request, ISender sender)
    {
        var errors = new List<RequestValidationError>();
        var changes = ModelChangesReader.Read(await JsonBody.ReadAsync(request), errors);
        RequestValidationException.ThrowIfAny(errors);
        return Json(await sender.Send(new UpdateModelCommand(key, changes)));
    }

    private static async Task<IResult> DeleteAsync(string key, ISender sender)
    {
        await sender.Send(new DeleteModelCommand(key));
        return Results.NoContent();
    }

    private static async Task<IResult> BulkDeleteAsync(HttpRequest request, ISender sender)
    {
        var keys = ReadStringList(await JsonBody.ReadAsync(request), "keys");
        return Json(await sender.Send(new BulkDeleteModelsCommand(keys)));
    }

    private static async Task<IResult> InstallAsync(HttpRequest request, ISender sender)
    {
        var query = new QueryReader(request.Query);
        var source = Required(query, "source");
        query.Bool("inplace");
        query.ThrowIfInvalid();

        var errors = new List<RequestValidationError>();
        var config = HasBody(request) ? ModelChangesReader.Read(await JsonBody.ReadAsync(request), errors) : ModelChanges.None;
        RequestValidationException.ThrowIfAny(errors);
        return Json(await sender.Send(new InstallModelCommand(source!, config)), StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListInstallJobsAsync(ISender sender) => Json(await sender.Send(new ListModelInstallJobsQuery()));

    private static async Task<IResult> GetInstallJobAsync(string id, ISender sender)
    {
        if (!int.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var jobId))
        {
            throw new RequestValidationException(new RequestValidationError(
                "int_parsing", ["path", "id"], "Input should be a valid integer, unable to parse string as an integer", id));
        }

        return Json(await sender.Send(new GetModelInstallJobQuery(jobId)));
    }

    private static async Task<IResult> PruneInstallJobsAsync(ISender sender)
    {
        await sender.Send(new PruneModelInstallJobsCommand());
        return Results.NoContent();
    }

    private static async Task<IResult> ListOrphanedAsync(ISender sender) => Json(await sender.Send(new ListOrphanedModelsQuery()));

    private static async Task<IResult> DeleteOrphanedAsync(HttpRequest request, ISender sender)
    {
        var paths = ReadStringList(await JsonBody.ReadAsync(request), "paths");
        return Json(await sender.Send(new DeleteOrphanedModelsCommand(paths)));
    }

    private static async Task<IResult> RefuseAsync(ISender sender, string operationId)
    {
        await sender.Send(new RefuseUnsupportedModelOperationCommand(operationId));
        return Results.StatusCode(StatusCodes.Status501NotImplemented);
    }

    private static IResult Json<T>(T value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, ApiJson.Options, statusCode: status);

    private static string? Required(QueryReader query, string name)
    {
        var value = query.String(name);
        if (value is null)
        {
            query.Missing(name);
        }

        return value;
    }

    /// <summary>A required list of strings in an object body, such as <c>{"keys": […]}</c>.</summary>
    private static List<string> ReadStringList(JsonElement body, string field)
    {
        var list = JsonBody.RequireField(body, field);
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new RequestValidationException(new RequestValidationError("list_type", ["body", field], "Input should be a valid list", list));
        }

        var errors = new List<RequestValidationError>();
        var values = new List<string>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                values.Add(item.GetString()!);
            }
            else
            {
                errors.Add(new RequestValidationError("string_type", ["body", field, index], "Input should be a valid string", item));
            }

            index++;
        }

        RequestValidationException.ThrowIfAny(errors);
        return values;
    }

    /// <summary>The install body is optional here (InvokeAI's UI always sends at least <c>{}</c>).</summary>
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    internal sealed record StarterModels(IReadOnlyList<object> starter_models, IReadOnlyDictionary<string, object> starter_bundles);
}
