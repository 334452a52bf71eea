using Invoke.Application.Errors;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Invoke.WebApi.Http;

namespace Invoke.WebApi.Workflows;

/// <summary>The query parameters of the workflow routes, as InvokeAI names and defaults them.</summary>
internal static class WorkflowQuery
{
    private static readonly Dictionary<string, WorkflowCategory> Categories = new(StringComparer.Ordinal)
    {
        [WorkflowCategoryNames.User] = WorkflowCategory.User,
        [WorkflowCategoryNames.Default] = WorkflowCategory.Default,
    };

    private static readonly Dictionary<string, WorkflowOrderBy> OrderByValues = new(StringComparer.Ordinal)
    {
        ["created_at"] = WorkflowOrderBy.CreatedAt,
        ["updated_at"] = WorkflowOrderBy.UpdatedAt,
        ["opened_at"] = WorkflowOrderBy.OpenedAt,
        ["name"] = WorkflowOrderBy.Name,
        ["is_public"] = WorkflowOrderBy.IsPublic,
    };

    public static readonly IntQuery Page = new("page", Default: 0);
    public static readonly IntQuery PerPage = new("per_page");
    public static readonly EnumQuery<WorkflowOrderBy> OrderBy = new("order_by", OrderByValues, Default: "name");
    public static readonly EnumQuery<SortDirection> Direction = new("direction", QueryReader.SortDirections, Default: "ASC");
    public static readonly EnumListQuery<WorkflowCategory> CategoryList = new("categories", Categories);
    public static readonly EnumListQuery<WorkflowCategory> RequiredCategoryList = new("categories", Categories, Required: true);
    public static readonly StringListQuery Tags = new("tags");
    public static readonly StringListQuery RequiredTags = new("tags", Required: true);
    public static readonly StringQuery Text = new("query");
    public static readonly BoolQuery HasBeenOpened = new("has_been_opened");
    public static readonly BoolQuery IsPublic = new("is_public");
    public static readonly BoolQuery Callable = new("callable");
}

internal sealed record ListWorkflowsRequest(ListWorkflowsQuery Query) : IBoundRequest<ListWorkflowsRequest>
{
    public static RequestShape Shape { get; } = RequestShape.ForQuery(
        WorkflowQuery.Page, WorkflowQuery.PerPage, WorkflowQuery.OrderBy, WorkflowQuery.Direction, WorkflowQuery.CategoryList,
        WorkflowQuery.Tags, WorkflowQuery.Text, WorkflowQuery.HasBeenOpened, WorkflowQuery.IsPublic, WorkflowQuery.Callable);

    public static ListWorkflowsRequest Bind(RequestReader request)
    {
        var q = request.Query;
        var page = q.Read(WorkflowQuery.Page);
        var perPage = q.Read(WorkflowQuery.PerPage);
        var orderBy = q.Read(WorkflowQuery.OrderBy);
        var direction = q.Read(WorkflowQuery.Direction);
        var filter = new WorkflowFilter(
            q.Read(WorkflowQuery.CategoryList),
            q.Read(WorkflowQuery.Tags),
            q.Read(WorkflowQuery.Text),
            q.Read(WorkflowQuery.HasBeenOpened),
            q.Read(WorkflowQuery.IsPublic),
            q.Read(WorkflowQuery.Callable));
        return new(new ListWorkflowsQuery(filter, orderBy ?? default, direction ?? default, page, perPage));
    }
}

internal sealed record ListWorkflowTagsRequest(ListWorkflowTagsQuery Query) : IBoundRequest<ListWorkflowTagsRequest>
{
    public static RequestShape Shape { get; } = RequestShape.ForQuery(WorkflowQuery.CategoryList, WorkflowQuery.IsPublic);

    public static ListWorkflowTagsRequest Bind(RequestReader request) =>
        new(new ListWorkflowTagsQuery(request.Query.Read(WorkflowQuery.CategoryList), request.Query.Read(WorkflowQuery.IsPublic)));
}

internal sealed record CountWorkflowsByTagRequest(CountWorkflowsByTagQuery Query) : IBoundRequest<CountWorkflowsByTagRequest>
{
    public static RequestShape Shape { get; } = RequestShape.ForQuery(
        WorkflowQuery.RequiredTags, WorkflowQuery.CategoryList, WorkflowQuery.HasBeenOpened, WorkflowQuery.IsPublic);

    public static CountWorkflowsByTagRequest? Bind(RequestReader request)
    {
        var q = request.Query;
        var tags = q.Read(WorkflowQuery.RequiredTags);
        var categories = q.Read(WorkflowQuery.CategoryList);
        var hasBeenOpened = q.Read(WorkflowQuery.HasBeenOpened);
        var isPublic = q.Read(WorkflowQuery.IsPublic);
        return tags is null ? null : new(new CountWorkflowsByTagQuery(tags, categories, hasBeenOpened, isPublic));
    }
}

internal sealed record CountWorkflowsByCategoryRequest(CountWorkflowsByCategoryQuery Query) : IBoundRequest<CountWorkflowsByCategoryRequest>
{
    public static RequestShape Shape { get; } = RequestShape.ForQuery(
        WorkflowQuery.RequiredCategoryList, WorkflowQuery.HasBeenOpened, WorkflowQuery.IsPublic);

    public static CountWorkflowsByCategoryRequest? Bind(RequestReader request)
    {
        var q = request.Query;
        var categories = q.Read(WorkflowQuery.RequiredCategoryList);
        var hasBeenOpened = q.Read(WorkflowQuery.HasBeenOpened);
        var isPublic = q.Read(WorkflowQuery.IsPublic);
        return categories is null ? null : new(new CountWorkflowsByCategoryQuery(categories, hasBeenOpened, isPublic));
    }
}

/// <summary><c>{"workflow": WorkflowWithoutID}</c>.</summary>
internal sealed record CreateWorkflowRequest(CreateWorkflowCommand Command) : IBoundRequest<CreateWorkflowRequest>
{
    public static RequestShape Shape { get; } = RequestShape.ForJson(typeof(CreateWorkflowBody));

    public static CreateWorkflowRequest? Bind(RequestReader request) =>
        WorkflowBody.Read(request, withId: false) is { Document: { } document } ? new(new CreateWorkflowCommand(document)) : null;
}

/// <summary><c>{"workflow": Workflow}</c>: the document may carry its own <c>id</c>; an <c>If-Match</c> header makes the update conditional.</summary>
internal sealed record UpdateWorkflowRequest(UpdateWorkflowCommand Command) : IBoundRequest<UpdateWorkflowRequest>
{
    public static RequestShape Shape { get; } = RequestShape.ForJson(typeof(UpdateWorkflowBody));

    public static UpdateWorkflowRequest? Bind(RequestReader request) =>
        WorkflowBody.Read(request, withId: true) is { Document: { } document } body
            ? new(new UpdateWorkflowCommand(request.Route("workflow_id"), body.Id, document, IfMatch(request.Context.Request)))
            : null;

    private static string? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;
}

/// <summary><c>{"is_public": bool}</c>.</summary>
internal sealed record SetWorkflowSharingRequest(SetWorkflowSharingCommand Command) : IBoundRequest<SetWorkflowSharingRequest>
{
    public static RequestShape Shape { get; } = RequestShape.ForJson(typeof(SetWorkflowSharingBody));

    public static SetWorkflowSharingRequest? Bind(RequestReader request) =>
        request.Body!.RequiredBool("is_public") is { } isPublic
            ? new(new SetWorkflowSharingCommand(request.Route("workflow_id"), isPublic))
            : null;
}

/// <summary>A multipart form with the image file in <c>image</c>.</summary>
internal sealed record SetWorkflowThumbnailRequest(SetWorkflowThumbnailCommand Command) : IBoundRequest<SetWorkflowThumbnailRequest>
{
    public static RequestShape Shape { get; } = new([], new RequestBody(typeof(SetWorkflowThumbnailBody), RequestBody.Multipart));

    public static SetWorkflowThumbnailRequest? Bind(RequestReader request)
    {
        if (request.Form!.Files.GetFile("image") is not { } image)
        {
            request.Errors.Add(RequestValidationError.Missing(["body", "image"], null));
            return null;
        }

        var contentType = string.IsNullOrWhiteSpace(image.ContentType) ? null : image.ContentType;
        var content = image.OpenReadStream();
        request.Context.Response.RegisterForDispose(content);
        return new(new SetWorkflowThumbnailCommand(request.Route("workflow_id"), contentType, content));
    }
}

/// <summary>The one place a workflow body is read: its <c>workflow</c> field, as a document and an optional id.</summary>
internal static class WorkflowBody
{
    /// <param name="withId">Whether the document is a full <c>Workflow</c> (update) rather than <c>WorkflowWithoutID</c> (create, which ignores an id).</param>
    public static (WorkflowDocument? Document, string? Id) Read(RequestReader request, bool withId)
    {
        if (request.Body!.RequiredField("workflow") is not { } workflow)
        {
            return (null, null);
        }

        var document = WorkflowDocumentReader.Read(workflow, ["body", "workflow"], request.Errors);
        var id = withId ? WorkflowDocumentReader.ReadId(workflow, ["body", "workflow"], request.Errors) : null;
        return (document, id);
    }
}
