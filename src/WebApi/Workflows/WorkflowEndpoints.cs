using Invoke.Application.Workflows;
using Invoke.WebApi.Http;
using Invoke.WebApi.Security;
using Mediator;

namespace Invoke.WebApi.Workflows;

/// <summary><c>/api/v1/workflows</c>: the workflow library (contract §4.3).</summary>
internal static class WorkflowEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workflows").WithTags("workflows").WithAccess(RouteAccess.User);

        group.MapPost("/", async (CreateWorkflowRequest request, ISender sender) => Api.Ok(await sender.Send(request.Command)))
            .WithName("create_workflow").WithTrailingSlash().Returns<WorkflowRecordDto>();
        group.MapGet("/", async (ListWorkflowsRequest request, ISender sender) => Api.Ok(await sender.Send(request.Query)))
            .WithName("list_workflows").WithTrailingSlash().Returns<PaginatedResults<WorkflowRecordListItemWithThumbnailDto>>();
        group.MapGet("/i/{workflow_id}", async (string workflow_id, HttpResponse response, ISender sender) =>
                WithETag(response, await sender.Send(new GetWorkflowQuery(workflow_id)), w => w.ETag))
            .WithName("get_workflow").Returns<WorkflowRecordWithThumbnailDto>();
        group.MapPatch("/i/{workflow_id}", async (UpdateWorkflowRequest request, HttpResponse response, ISender sender) =>
                WithETag(response, await sender.Send(request.Command), w => w.ETag))
            .WithName("update_workflow").Returns<WorkflowRecordDto>();
        group.MapDelete("/i/{workflow_id}", async (string workflow_id, ISender sender) => Api.Null(await sender.Send(new DeleteWorkflowCommand(workflow_id))))
            .WithName("delete_workflow").ReturnsNull();
        group.MapPatch("/i/{workflow_id}/is_public", async (SetWorkflowSharingRequest request, ISender sender) => Api.Ok(await sender.Send(request.Command)))
            .WithName("update_workflow_is_public").Returns<WorkflowRecordDto>();
        group.MapPut("/i/{workflow_id}/opened_at", async (string workflow_id, ISender sender) => Api.Null(await sender.Send(new MarkWorkflowOpenedCommand(workflow_id))))
            .WithName("update_opened_at").ReturnsNull();
        group.MapPut("/i/{workflow_id}/thumbnail", async (SetWorkflowThumbnailRequest request, ISender sender) => Api.Null(await sender.Send(request.Command)))
            .WithName("set_workflow_thumbnail").ReturnsNull().DisableAntiforgery();
        group.MapDelete("/i/{workflow_id}/thumbnail", async (string workflow_id, ISender sender) => Api.Null(await sender.Send(new DeleteWorkflowThumbnailCommand(workflow_id))))
            .WithName("delete_workflow_thumbnail").ReturnsNull();
        group.MapGet("/i/{workflow_id}/thumbnail", GetThumbnailAsync)
            .WithName("get_workflow_thumbnail").ReturnsImage().WithAccess(RouteAccess.Public);
        group.MapGet("/tags", async (ListWorkflowTagsRequest request, ISender sender) => Api.Ok(await sender.Send(request.Query)))
            .WithName("get_all_tags").Returns<IReadOnlyList<string>>();
        group.MapGet("/counts_by_tag", async (CountWorkflowsByTagRequest request, ISender sender) => Api.Ok(await sender.Send(request.Query)))
            .WithName("get_counts_by_tag").Returns<IReadOnlyDictionary<string, int>>();
        group.MapGet("/counts_by_category", async (CountWorkflowsByCategoryRequest request, ISender sender) => Api.Ok(await sender.Send(request.Query)))
            .WithName("counts_by_category").Returns<IReadOnlyDictionary<string, int>>();
        return app;
    }

    /// <summary>The workflow as JSON, its version in the <c>ETag</c> header (contract A.2 #11).</summary>
    private static IResult WithETag<T>(HttpResponse response, T workflow, Func<T, string> etag)
    {
        response.Headers.ETag = etag(workflow);
        return Api.Ok(workflow);
    }

    private static async Task<IResult> GetThumbnailAsync(string workflow_id, HttpContext context, ISender sender)
    {
        var thumbnail = await sender.Send(new GetWorkflowThumbnailQuery(workflow_id));
        context.Response.Headers.ContentDisposition = $"inline; filename=\"{thumbnail.FileName}\"";
        context.Response.Headers.CacheControl = "max-age=31536000";
        return Results.Stream(thumbnail.Content, thumbnail.ContentType);
    }
}
