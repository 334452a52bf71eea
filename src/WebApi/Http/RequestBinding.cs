using System.Reflection;
using System.Text.Json;
using Invoke.Application.Errors;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Invoke.WebApi.Http;

/// <summary>
/// A typed request an endpoint takes as a parameter: bound from the query and body in one step,
/// with every problem reported at once as InvokeAI's 422 list, and described in <c>/openapi.json</c>
/// from the same <see cref="Shape"/> it is bound with. An endpoint then only sends it.
/// </summary>
internal interface IBoundRequest<TSelf> : IBindableFromHttpContext<TSelf>, IEndpointParameterMetadataProvider
    where TSelf : class, IBoundRequest<TSelf>
{
    /// <summary>The query parameters and body the request is read from.</summary>
    static abstract RequestShape Shape { get; }

    /// <summary>
    /// Builds the request from what <paramref name="request"/> reads. Problems are collected by the
    /// reader; the result is only used when there are none.
    /// </summary>
    static abstract TSelf? Bind(RequestReader request);

    static async ValueTask<TSelf?> IBindableFromHttpContext<TSelf>.BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var reader = await RequestReader.ReadAsync(context, TSelf.Shape);
        var request = TSelf.Bind(reader);
        reader.ThrowIfInvalid();
        return request ?? throw new InvalidOperationException($"{typeof(TSelf).Name} bound to nothing without reporting why.");
    }

    static void IEndpointParameterMetadataProvider.PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Not AcceptsMetadata: routing would then refuse other content types before the access
        // check (415 before 401); the reader refuses them instead, and the document is told here.
        builder.Metadata.Add(TSelf.Shape);
    }
}

/// <summary>What a bound request reads: query parameters, and a body of a documented shape.</summary>
internal sealed record RequestShape(IReadOnlyList<QueryParameter> Query, RequestBody? Body = null)
{
    public static RequestShape ForQuery(params QueryParameter[] parameters) => new(parameters);

    /// <summary>A JSON object body; <paramref name="schema"/> is the type it is documented as.</summary>
    public static RequestShape ForJson(Type schema, params QueryParameter[] parameters) => new(parameters, new RequestBody(schema, RequestBody.Json));
}

/// <summary>
/// A request body. <see cref="Schema"/> documents it (the request's own fields are read by hand, with
/// Pydantic's messages); <see cref="Optional"/> bodies may be left out entirely.
/// </summary>
internal sealed record RequestBody(Type Schema, string ContentType, bool Optional = false, long Limit = JsonBody.DefaultLimit)
{
    public const string Json = "application/json";
    public const string Multipart = "multipart/form-data";
}

/// <summary>
/// Reads one HTTP request for a bound request: the query, and the body when the shape has one
/// (refusing other content types with a 415), collecting every problem for one 422.
/// </summary>
internal sealed class RequestReader
{
    private readonly List<RequestValidationError> _errors = [];

    private RequestReader(HttpContext context, JsonElement? body, IFormCollection? form)
    {
        Context = context;
        Query = new QueryReader(context.Request.Query, _errors);
        Body = body is { } json ? new BodyReader(json, _errors) : null;
        Form = form;
    }

    public HttpContext Context { get; }

    public QueryReader Query { get; }

    /// <summary>The JSON object body; null when the shape has none or an optional body was left out.</summary>
    public BodyReader? Body { get; }

    /// <summary>The multipart form; null when the shape has none.</summary>
    public IFormCollection? Form { get; }

    /// <summary>Where richer readers (a workflow document) add their problems.</summary>
    public List<RequestValidationError> Errors => _errors;

    /// <summary>A route value; routing guarantees it is there.</summary>
    public string Route(string name) =>
        Context.Request.RouteValues[name] as string ?? throw new InvalidOperationException($"The route has no '{name}' value.");

    public static async Task<RequestReader> ReadAsync(HttpContext context, RequestShape shape)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(shape);
        var request = context.Request;
        if (shape.Body is not { } body || (body.Optional && !HasBody(request)))
        {
            return new RequestReader(context, null, null);
        }

        if (body.ContentType == RequestBody.Multipart)
        {
            // A body that is not a form is InvokeAI's 422 for the missing file, reported by the binder.
            var form = request.HasFormContentType ? await ReadFormAsync(request) : FormCollection.Empty;
            return new RequestReader(context, null, form);
        }

        RequireJsonContentType(request);
        var json = JsonBody.RequireObject(await JsonBody.ReadAsync(request, body.Limit));
        return new RequestReader(context, json, null);
    }

    public void ThrowIfInvalid() => RequestValidationException.ThrowIfAny(_errors);

    /// <summary>The form; broken HTTP framing is the client's fault (see <see cref="JsonBody.ReadFramedAsync"/>).</summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request)
    {
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (IOException e) when (!request.HttpContext.RequestAborted.IsCancellationRequested && e is not BadHttpRequestException)
        {
            throw new BadRequestException(JsonBody.UnreadableFraming);
        }
    }

    /// <summary>
    /// JSON bodies come only as <c>application/json</c> (parameters such as a charset allowed): a web
    /// page cannot send that cross-site without a CORS preflight, unlike text, forms or no type at all.
    /// </summary>
    private static void RequireJsonContentType(HttpRequest request)
    {
        var header = request.ContentType;
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new UnsupportedMediaTypeException("A Content-Type of application/json is required");
        }

        if (!MediaTypeHeaderValue.TryParse(header, out var mediaType)
            || !mediaType.MediaType.Equals(RequestBody.Json, StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException($"Unsupported Content-Type '{header}': this endpoint accepts application/json");
        }
    }

    /// <summary>Whether an optional body was sent at all (InvokeAI's UI always sends at least <c>{}</c>).</summary>
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
}
