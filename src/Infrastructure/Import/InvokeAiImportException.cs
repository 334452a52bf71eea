namespace Invoke.Infrastructure.Import;

/// <summary>The import was refused before anything was written; the message says why and what to do.</summary>
public sealed class InvokeAiImportException(string message) : Exception(message);
