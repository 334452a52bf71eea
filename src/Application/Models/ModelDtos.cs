using Invoke.Application.Workflows;

namespace Invoke.Application.Models;

/// <summary>InvokeAI's <c>ModelsList</c>: the config documents, as stored.</summary>
public sealed record ModelsListDto(IReadOnlyList<RawJson> Models);

/// <summary>A model found by <c>scan_folder</c>.</summary>
public sealed record FoundModelDto(string Path, bool IsInstalled);

public sealed record BulkDeleteModelsResultDto(IReadOnlyList<string> Deleted, IReadOnlyList<BulkDeleteFailureDto> Failed);

public sealed record BulkDeleteFailureDto(string Key, string Error);

/// <summary>InvokeAI's <c>OrphanedModelInfo</c>.</summary>
public sealed record OrphanedModelInfoDto(string Path, string AbsolutePath, IReadOnlyList<string> Files, long SizeBytes);

/// <summary>InvokeAI's <c>DeleteOrphanedModelsResponse</c>: removed paths, and an error per refused path.</summary>
public sealed record DeleteOrphanedModelsResultDto(IReadOnlyList<string> Deleted, IReadOnlyDictionary<string, string> Errors);

/// <summary>InvokeAI's <c>ModelInstallJob</c>, for a local model registered in place.</summary>
public sealed record ModelInstallJobDto(
    int Id,
    string Status,
    string? ErrorReason,
    RawJson ConfigIn,
    RawJson? ConfigOut,
    bool Inplace,
    LocalModelSourceDto Source,
    string LocalPath,
    long Bytes,
    long TotalBytes,
    object? SourceMetadata,
    IReadOnlyList<object> DownloadParts,
    string? Error,
    string? ErrorTraceback);

/// <summary>InvokeAI's <c>LocalModelSource</c>.</summary>
public sealed record LocalModelSourceDto(string Path, bool Inplace, string Type);
