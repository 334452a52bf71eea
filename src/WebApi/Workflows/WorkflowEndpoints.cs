using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Invoke.WebApi.Http;
using Invoke.WebApi.Security;
using Mediator;

namespace Invoke.WebApi.Workflows;

/// <summary><c>/api/v1/workflows</c>: the workflow library (contract §4.3).</summary>
internal static class WorkflowEndpoints
{
    private static readonly Dictionary<string, WorkflowCategory> Categories = new(StringComparer.Ordinal)
    {
        [WorkflowCategoryNames.User] = WorkflowCategory.User,
        [WorkflowCategoryNames.Default] = WorkflowCategory.Default,
    };

    private static readonly Dictionary<string, WorkflowOrderBy> OrderBy = new(StringComparer.Ordinal)
    {
        ["created_at"] = WorkflowOrderBy.CreatedAt,
        ["updated_at"] = WorkflowOrderBy.UpdatedAt,
        ["opened_at"] = WorkflowOrderBy.OpenedAt,
        ["name"] = WorkflowOrderBy.Name,
        ["is_public"] = WorkflowOrderBy.IsPublic,
    };

    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workflows").WithTags("workflows").WithAccess(RouteAccess.User);

        group.MapPost("/", CreateAsync).WithName("create_workflow");
        group.MapGet("/", ListAsync).WithName("list_workflows");
        group.MapGet("/i/{workflow_id}", GetAsync).WithName("get_workflow");
        group.MapPatch("/i/{workflow_id}", UpdateAsync).WithName("update_workflow");
        group.MapDelete("/i/{workflow_id}", DeleteAsync).WithName("delete_workflow");
        group.MapPatch("/i/{workflow_id}/is_public", SetSharingAsync).WithName("update_workflow_is_public");
        group.MapPut("/i/{workflow_id}/opened_at", MarkOpenedAsync).WithName("update_opened_at");
        group.MapPut("/i/{workflow_id}/thumbnail", SetThumbnailAsync).WithName("set_workflow_thumbnail").DisableAntiforgery();
        group.MapDelete("/i/{workflow_id}/thumbnail", DeleteThumbnailAsync).WithName("delete_workflow_thumbnail");
        group.MapGet("/i/{workflow_id}/thumbnail", GetThumbnailAsync).WithName("get_workflow_thumbnail").WithAccess(RouteAccess.Public);
        group.MapGet("/tags", TagsAsync).WithName("get_all_tags");
        group.MapGet("/counts_by_tag", CountsByTagAsync).WithName("get_counts_by_tag");
        group.MapGet("/counts_by_category", CountsByCategoryAsync).WithName("counts_by_category");
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ISender sender)
    {
        var workflow = JsonBody.RequireField(await JsonBody.ReadAsync(request), "workflow");
        var errors = new List<RequestValidationError>();
        var document = WorkflowDocumentReader.Read(workflow, ["body", "workflow"], errors);
        RequestValidationException.ThrowIfAny(errors);
        return Results.Json(await sender.Send(new CreateWorkflowCommand(document!)), ApiJson.Options);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ISender sender)
    {
        var query = new QueryReader(request.Query);
        var page = query.Int("page");
        var perPage = query.Int("per_page");
        var orderBy = query.Enum("order_by", OrderBy);
        var direction = query.Enum("direction", QueryReader.SortDirections);
        var filter = new WorkflowFilter(
            query.EnumList("categories", Categories),
            query.StringList("tags"),
            query.String("query"),
            query.Bool("has_been_opened"),
            query.Bool("is_public"),
            query.Bool("callable"));
        query.ThrowIfInvalid();

        var result = await sender.Send(new ListWorkflowsQuery(
            filter, orderBy ?? WorkflowOrderBy.Name, direction ?? SortDirection.Ascending, page ?? 0, perPage));
        return Results.Json(result, ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string workflow_id, HttpResponse response, ISender sender)
    {
        var workflow = await sender.Send(new GetWorkflowQuery(workflow_id));
        response.Headers.ETag = workflow.ETag;
        return Results.Json(workflow, ApiJson.Options);
    }

    private static async Task<IResult> UpdateAsync(string workflow_id, HttpRequest request, HttpResponse response, ISender sender)
    {
        var workflow = JsonBody.RequireField(await JsonBody.ReadAsync(request), "workflow");
        var errors = new List<RequestValidationError>();
        var document = WorkflowDocumentReader.Read(workflow, ["body", "workflow"], errors);
        var documentId = WorkflowDocumentReader.ReadId(workflow, ["body", "workflow"], errors);
        RequestValidationException.ThrowIfAny(errors);
        var ifMatch = request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;
        var updated = await sender.Send(new UpdateWorkflowCommand(workflow_id, documentId, document!, ifMatch));
        response.Headers.ETag = updated.ETag;
        return Results.Json(updated, ApiJson.Options);
    }

    private static async Task<IResult> DeleteAsync(string workflow_id, ISender sender)
    {
        await sender.Send(new DeleteWorkflowCommand(workflow_id));
        return JsonNull();
    }

    private static async Task<IResult> SetSharingAsync(string workflow_id, HttpRequest request, ISender sender)
    {
        var value = JsonBody.RequireField(await JsonBody.ReadAsync(request), "is_public");
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new RequestValidationException(new RequestValidationError(
                "bool_type", ["body", "is_public"], "Input should be a valid boolean", value));
        }

        return Results.Json(await sender.Send(new SetWorkflowSharingCommand(workflow_id, value.GetBoolean())), ApiJson.Options);
    }

    private static async Task<IResult> MarkOpenedAsync(string workflow_id, ISender sender)
    {
        await sender.Send(new MarkWorkflowOpenedCommand(workflow_id));
        return JsonNull();
    }

    private static async Task<IResult> SetThumbnailAsync(string workflow_id, HttpRequest request, ISender sender)
    {
        if (!request.HasFormContentType)
        {
            throw new RequestValidationException(RequestValidationError.Missing(["body", "image"], null));
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var image = form.Files.GetFile("image")
            ?? throw new RequestValidationException(RequestValidationError.Missing(["body", "image"], null));
        await using var content = image.OpenReadStream();
        var contentType = string.IsNullOrWhiteSpace(image.ContentType) ? null : image.ContentType;
        await sender.Send(new SetWorkflowThumbnailCommand(workflow_id, contentType, content));
        return JsonNull();
    }

    private static async Task<IResult> DeleteThumbnailAsync(string workflow_id, ISender sender)
    {
        await sender.Send(new DeleteWorkflowThumbnailCommand(workflow_id));
        return JsonNull();
    }

    private static async Task<IResult> GetThumbnailAsync(string workflow_id, HttpContext context, ISender sender)
    {
        var thumbnail = await sender.Send(new GetWorkflowThumbnailQuery(workflow_id));
        context.Response.Headers.ContentDisposition = $"inline; filename=\"{thumbnail.FileName}\"";
        context.Response.Headers.CacheControl = "max-age=31536000";
        return Results.Stream(thumbnail.Content, thumbnail.ContentType);
    }

    private static async Task<IResult> TagsAsync(HttpRequest request, ISender sender)
    {
        var query = new QueryReader(request.Query);
        var categories = query.EnumList("categories", Categories);
        var isPublic = query.Bool("is_public");
        query.ThrowIfInvalid();
        return Results.Json(await sender.Send(new ListWorkflowTagsQuery(categories, isPublic)), ApiJson.Options);
    }

    private static async Task<IResult> CountsByTagAsync(HttpRequest request, ISender sender)
    {
        var query = new QueryReader(request.Query);
        var tags = query.StringList("tags");
        if (tags is null)
        {
            query.Missing("tags");
        }

        var categories = query.EnumList("categories", Categories);
        var hasBeenOpened = query.Bool("has_been_opened");
        var isPublic = query.Bool("is_public");
        query.ThrowIfInvalid();
        return Results.Json(
            await sender.Send(new CountWorkflowsByTagQuery(tags!, categories, hasBeenOpened, isPublic)), ApiJson.Options);
    }

    private static async Task<IResult> CountsByCategoryAsync(HttpRequest request, ISender sender)
    {
        var query = new QueryReader(request.Query);
        var categories = query.EnumList("categories", Categories);
        if (categories is null)
        {
            query.Missing("categories");
        }

        var hasBeenOpened = query.Bool("has_been_opened");
        var isPublic = query.Bool("is_public");
        query.ThrowIfInvalid();
        return Results.Json(
            await sender.Send(new CountWorkflowsByCategoryQuery(categories!, hasBeenOpened, isPublic)), ApiJson.Options);
    }

    private static IResult JsonNull() => Results.Content("null", "application/json");

}
