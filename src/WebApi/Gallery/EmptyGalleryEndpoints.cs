using Invoke.Application.Errors;
using Invoke.WebApi.Security;

namespace Invoke.WebApi.Gallery;

/// <summary>
/// Invoke stores no images, boards, videos, queue items, style presets or system prompts (contract
/// A.1). InvokeAI's UI still asks for them to draw its gallery, queue and start screen, and shows
/// its empty states — the start screen among them — only when it is told there are none. These
/// routes answer exactly those list and count queries, empty, in InvokeAI's shapes; nothing else
/// of those APIs exists here.
/// </summary>
internal static class EmptyGalleryEndpoints
{
    public static IEndpointRouteBuilder MapEmptyGalleryEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithAccess(RouteAccess.User);

        api.MapGet("/images/", (int? offset, int? limit) => Page(offset, limit)).WithTags("images").WithName("list_image_dtos");
        api.MapGet("/images/names", () => Results.Json(new ImageNames([], 0, 0))).WithTags("images").WithName("get_image_names");
        api.MapGet("/images/intermediates", () => Results.Json(0)).WithTags("images").WithName("get_intermediates_count");
        api.MapGet("/videos/", (int? offset, int? limit) => Page(offset, limit)).WithTags("videos").WithName("list_video_dtos");
        api.MapGet("/videos/names", () => Results.Json(new VideoNames([], 0, 0))).WithTags("videos").WithName("get_video_names");
        api.MapGet("/gallery/items/", (int? offset, int? limit) => Page(offset, limit)).WithTags("gallery").WithName("list_gallery_items");
        api.MapGet("/gallery/item_names", () => Results.Json(new GalleryItemNames([], 0, 0))).WithTags("gallery").WithName("list_gallery_item_names");
        api.MapGet("/gallery/items/names", () => Results.Json(new GalleryItemNamesResult([], 0, 0))).WithTags("gallery").WithName("get_gallery_item_names");
        api.MapGet("/boards/", ListBoards).WithTags("boards").WithName("list_boards");
        api.MapGet("/virtual_boards/by_date", () => Results.Json(Array.Empty<object>())).WithTags("virtual_boards").WithName("list_virtual_boards_by_date");
        api.MapGet("/style_presets/", () => Results.Json(Array.Empty<object>())).WithTags("style_presets").WithName("list_style_presets");
        api.MapGet("/system_prompts/", () => Results.Json(Array.Empty<object>())).WithTags("system_prompts").WithName("list_system_prompts");

        var queue = api.MapGroup("/queue/{queue_id}").WithTags("queue");
        queue.MapGet("/status", (string queue_id) => Results.Json(new QueueAndProcessorStatus(QueueStatus.Empty(queue_id), new ProcessorStatus(false, false))))
            .WithName("get_queue_status");
        queue.MapGet("/current", () => JsonNull()).WithName("get_current_queue_item");
        queue.MapGet("/next", () => JsonNull()).WithName("get_next_queue_item");
        queue.MapGet("/list_all", () => Results.Json(Array.Empty<object>())).WithName("list_all_queue_items");
        queue.MapGet("/item_ids", () => Results.Json(new ItemIds([], 0))).WithName("get_queue_item_ids");
        queue.MapGet("/counts_by_destination", (string queue_id, string destination) => Results.Json(new CountsByDestination(queue_id, destination, 0, 0, 0, 0, 0, 0, 0)))
            .WithName("counts_by_destination");

        // No model relationships are stored: no model is related to any other.
        api.MapPost("/model_relationships/batch", () => Results.Json(Array.Empty<string>())).WithTags("model_relationships").WithName("get_related_models_batch");
        return app;
    }

    private static IResult JsonNull() => Results.Content("null", "application/json");

    private static IResult Page(int? offset, int? limit) =>
        Results.Json(new OffsetPage(limit ?? 10, offset ?? 0, 0, []));

    /// <summary>InvokeAI answers a list with <c>all=true</c>, a page with <c>offset</c> and <c>limit</c>, and refuses anything else.</summary>
    private static IResult ListBoards(bool? all, int? offset, int? limit)
    {
        if (all == true)
        {
            return Results.Json(Array.Empty<object>());
        }

        if (offset is null || limit is null)
        {
            throw new BadRequestException("Invalid request: Must provide either 'all' or both 'offset' and 'limit'");
        }

        return Results.Json(new OffsetPage(limit.Value, offset.Value, 0, []));
    }

    internal sealed record OffsetPage(int limit, int offset, int total, IReadOnlyList<object> items);

    internal sealed record ImageNames(IReadOnlyList<string> image_names, int starred_count, int total_count);

    internal sealed record VideoNames(IReadOnlyList<string> video_names, int starred_count, int total_count);

    internal sealed record GalleryItemNames(IReadOnlyList<string> item_names, int starred_count, int total_count);

    internal sealed record GalleryItemNamesResult(IReadOnlyList<object> items, int starred_count, int total_count);

    internal sealed record ItemIds(IReadOnlyList<int> item_ids, int total_count);

    internal sealed record QueueAndProcessorStatus(QueueStatus queue, ProcessorStatus processor);

    internal sealed record QueueStatus(
        string queue_id, int? item_id, string? batch_id, string? session_id,
        int pending, int in_progress, int waiting, int completed, int failed, int canceled, int total)
    {
        public static QueueStatus Empty(string queueId) => new(queueId, null, null, null, 0, 0, 0, 0, 0, 0, 0);
    }

    internal sealed record ProcessorStatus(bool is_started, bool is_processing);

    internal sealed record CountsByDestination(
        string queue_id, string destination, int pending, int in_progress, int waiting, int completed, int failed, int canceled, int total);
}
