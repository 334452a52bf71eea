using System.Text.Json;
using Invoke.Application.Models;
using Invoke.Domain.Models;
using Invoke.Domain.Models.Specifications;
using Invoke.Domain.Workflows.Specifications;
using Invoke.WebApi.Http;

namespace Invoke.WebApi.Models;

/// <summary>The query parameters of the model routes, as InvokeAI names them.</summary>
internal static class ModelQuery
{
    public static readonly StringListQuery BaseModels = new("base_models");
    public static readonly StringQuery ModelType = new("model_type");
    public static readonly StringQuery ModelName = new("model_name");
    public static readonly StringQuery ModelFormat = new("model_format");
    public static readonly EnumQuery<ModelOrderBy> OrderBy = new("order_by", ModelOrderByNames.ByWireName, Default: "name");
    public static readonly EnumQuery<SortDirection> Direction = new("direction", QueryReader.SortDirections, Default: "ASC");
    public static readonly StringQuery Name = new("name", Required: true);
    public static readonly StringQuery Type = new("type", Required: true);
    public static readonly StringQuery Base = new("base", Required: true);
    public static readonly StringQuery Hash = new("hash", Required: true);
    public static readonly StringQuery ScanPath = new("scan_path");
    public static readonly StringQuery Source = new("source", Required: true);
    public static readonly BoolQuery Inplace = new("inplace", Default: false);
}

internal sealed record ListModelsRequest(ListModelsQuery Query) : IBoundRequest<ListModelsRequest>
{
    public static RequestShape Shape { get; } = RequestShape.ForQuery(
        ModelQuery.BaseModels, ModelQuery.ModelType, ModelQuery.ModelName, ModelQuery.ModelFormat, ModelQuery.OrderBy, ModelQuery.Direction);

    public static ListModelsRequest Bind(RequestReader request)
    {
        var q = request.Query;
        return new(new ListModelsQuery(
            q.Read(ModelQuery.BaseModels),
            q.Read(ModelQuery.ModelType),
            q.Read(ModelQuery.ModelName),
            q.Read(ModelQuery.ModelFormat),
            q.Read(ModelQuery.OrderBy) ?? default,
            q.Read(ModelQuery.Direction) ?? default));
    }
}

internal sealed record GetModelByAttributesRequest(GetModelByAttributesQuery Query) : IBoundRequest<GetModelByAttributesRequest>
{
    public static RequestShape Shape { get; } = RequestShape.ForQuery(ModelQuery.Name, ModelQuery.Type, ModelQuery.Base);

    public static GetModelByAttributesRequest? Bind(RequestReader request)
    {
        var name = request.Query.Read(ModelQuery.Name);
        var type = request.Query.Read(ModelQuery.Type);
        var modelBase = request.Query.Read(ModelQuery.Base);
        return name is null || type is null || modelBase is null ? null : new(new GetModelByAttributesQuery(name, type, modelBase));
    }
}

internal sealed record GetModelByHashRequest(GetModelByHashQuery Query) : IBoundRequest<GetModelByHashRequest>
{
    public static RequestShape Shape { get; } = RequestShape.ForQuery(ModelQuery.Hash);

    public static GetModelByHashRequest? Bind(RequestReader request) =>
        request.Query.Read(ModelQuery.Hash) is { } hash ? new(new GetModelByHashQuery(hash)) : null;
}

internal sealed record ScanModelFolderRequest(ScanModelFolderQuery Query) : IBoundRequest<ScanModelFolderRequest>
{
    public static RequestShape Shape { get; } = RequestShape.ForQuery(ModelQuery.ScanPath);

    public static ScanModelFolderRequest Bind(RequestReader request) => new(new ScanModelFolderQuery(request.Query.Read(ModelQuery.ScanPath)));
}

/// <summary>A <c>ModelRecordChanges</c> body for the model in the URL.</summary>
internal sealed record UpdateModelRequest(UpdateModelCommand Command) : IBoundRequest<UpdateModelRequest>
{
    public static RequestShape Shape { get; } = new([], new RequestBody(typeof(ModelRecordChangesSchema), RequestBody.Json, Limit: JsonBody.SmallLimit));

    public static UpdateModelRequest Bind(RequestReader request) =>
        new(new UpdateModelCommand(request.Route("key"), ModelChangesReader.Read(request.Body!.Json, request.Errors)));
}

/// <summary>A local path to install, with an optional <c>ModelRecordChanges</c> body (InvokeAI's UI always sends at least <c>{}</c>).</summary>
internal sealed record InstallModelRequest(InstallModelCommand Command) : IBoundRequest<InstallModelRequest>
{
    public static RequestShape Shape { get; } = new(
        [ModelQuery.Source, ModelQuery.Inplace],
        new RequestBody(typeof(ModelRecordChangesSchema), RequestBody.Json, Optional: true, Limit: JsonBody.SmallLimit));

    public static InstallModelRequest? Bind(RequestReader request)
    {
        var source = request.Query.Read(ModelQuery.Source);
        request.Query.Read(ModelQuery.Inplace);
        var config = request.Body is { } body ? ModelChangesReader.Read(body.Json, request.Errors) : ModelChanges.None;
        return source is null ? null : new(new InstallModelCommand(source, config));
    }
}

internal sealed record BulkDeleteModelsRequest(BulkDeleteModelsCommand Command) : IBoundRequest<BulkDeleteModelsRequest>
{
    public static RequestShape Shape { get; } = new([], new RequestBody(typeof(BulkDeleteModelsBody), RequestBody.Json, Limit: JsonBody.SmallLimit));

    public static BulkDeleteModelsRequest? Bind(RequestReader request) =>
        request.Body!.RequiredStringList("keys") is { } keys ? new(new BulkDeleteModelsCommand(keys)) : null;
}

internal sealed record DeleteOrphanedModelsRequest(DeleteOrphanedModelsCommand Command) : IBoundRequest<DeleteOrphanedModelsRequest>
{
    public static RequestShape Shape { get; } = new([], new RequestBody(typeof(DeleteOrphanedModelsBody), RequestBody.Json, Limit: JsonBody.SmallLimit));

    public static DeleteOrphanedModelsRequest? Bind(RequestReader request) =>
        request.Body!.RequiredStringList("paths") is { } paths ? new(new DeleteOrphanedModelsCommand(paths)) : null;
}

#pragma warning disable CA1812 // Documentation shapes: only the document generator reflects over these.

/// <summary>InvokeAI's <c>ModelRecordChanges</c>, the fields Invoke reads (others are ignored).</summary>
internal sealed class ModelRecordChangesSchema
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Base { get; init; }

    public string? Type { get; init; }

    public string? Format { get; init; }

    public string? SourceUrl { get; init; }

    public IReadOnlyList<string>? TriggerPhrases { get; init; }

    public Dictionary<string, JsonElement>? DefaultSettings { get; init; }

    public string? Variant { get; init; }

    public string? PredictionType { get; init; }

    public bool? UpcastAttention { get; init; }

    public string? ConfigPath { get; init; }

    public string? RepoVariant { get; init; }

    public bool? CpuOnly { get; init; }
}

internal sealed class BulkDeleteModelsBody
{
    public required IReadOnlyList<string> Keys { get; init; }
}

internal sealed class DeleteOrphanedModelsBody
{
    public required IReadOnlyList<string> Paths { get; init; }
}
#pragma warning restore CA1812
