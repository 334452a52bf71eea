using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Invoke.WebApi.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Invoke.WebApi.Http;

/// <summary>
/// Describes what the endpoint metadata cannot tell the document generator: the query parameters
/// of bound requests (from the same <see cref="RequestShape"/> they are bound with), path
/// parameters a bound request reads, the error responses in InvokeAI's shapes, and the bearer
/// scheme on every route that is not public.
/// </summary>
internal sealed partial class OperationDescriptionTransformer : IOpenApiOperationTransformer
{
    public const string BearerScheme = "HTTPBearer";
    public const string ValidationErrorSchema = "ValidationError";
    public const string HttpValidationErrorSchema = "HTTPValidationError";
    public const string ErrorDetailSchema = "ErrorDetail";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var document = context.Document ?? throw new InvalidOperationException("The operation has no document.");
        AddErrorSchemas(document);

        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var shape = metadata.OfType<RequestShape>().LastOrDefault();
        var access = metadata.OfType<RouteAccessMetadata>().LastOrDefault()?.Access ?? RouteAccess.Public;

        operation.Parameters ??= [];
        var pathParameters = RouteParameter().Matches(context.Description.RelativePath ?? string.Empty).Select(m => m.Groups[1].Value).ToList();
        foreach (var name in pathParameters.Where(name => !operation.Parameters.Any(p => p.Name == name && p.In == ParameterLocation.Path)))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        foreach (var integer in metadata.OfType<IntegerRouteParameterMetadata>())
        {
            if (operation.Parameters.FirstOrDefault(p => p.Name == integer.Name && p.In == ParameterLocation.Path) is OpenApiParameter path)
            {
                path.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer };
            }
        }

        foreach (var parameter in shape?.Query ?? [])
        {
            operation.Parameters.Add(Describe(parameter));
        }

        if (operation.Parameters.Count == 0)
        {
            operation.Parameters = null;
        }

        // JSON bodies are described by BoundRequestApiDescriptionProvider; a form is one file.
        if (shape?.Body is { ContentType: RequestBody.Multipart } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = !body.Optional,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [body.ContentType] = new() { Schema = await SchemaAsync(body.Schema, context, document, cancellationToken) },
                },
            };
        }

        operation.Responses ??= [];
        if (pathParameters.Count > 0 || shape is not null)
        {
            operation.Responses.TryAdd("422", Response("Validation Error", HttpValidationErrorSchema, document));
        }

        if (pathParameters.Count > 0 || shape is not null)
        {
            operation.Responses.TryAdd("400", Response("The request cannot be carried out, or its body cannot be read", ErrorDetailSchema, document));
        }

        if (shape?.Body is { ContentType: RequestBody.Json })
        {
            operation.Responses.TryAdd("413", Response("The body is larger than the route accepts", ErrorDetailSchema, document));
            operation.Responses.TryAdd("415", Response("The body is not application/json", ErrorDetailSchema, document));
        }

        if (pathParameters.Count > 0)
        {
            operation.Responses.TryAdd("404", Response("Not Found", ErrorDetailSchema, document));
        }

        if (access != RouteAccess.Public)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            operation.Responses.TryAdd("401", Response("Not authenticated", ErrorDetailSchema, document));
            operation.Responses.TryAdd("403", Response("Forbidden", ErrorDetailSchema, document));
        }
    }

    /// <summary>A reference to the form's schema among the components, created on first use.</summary>
    private static async Task<IOpenApiSchema> SchemaAsync(
        Type type, OpenApiOperationTransformerContext context, OpenApiDocument document, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        document.Components!.Schemas!.TryAdd(type.Name, schema);
        return new OpenApiSchemaReference(type.Name, document);
    }

    private static OpenApiParameter Describe(QueryParameter parameter)
    {
        var value = new OpenApiSchema { Type = parameter.ValueType switch
        {
            "integer" => JsonSchemaType.Integer,
            "boolean" => JsonSchemaType.Boolean,
            _ => JsonSchemaType.String,
        } };
        if (parameter.Choices is { } choices)
        {
            value.Enum = [.. choices.Select(c => (JsonNode)JsonValue.Create(c))];
        }

        var schema = parameter.Repeatable ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = value } : value;
        if (!parameter.Required)
        {
            schema.Type |= JsonSchemaType.Null;
        }

        schema.Default = parameter.DefaultValue switch
        {
            int number => JsonValue.Create(number),
            bool flag => JsonValue.Create(flag),
            string text => JsonValue.Create(text),
            _ => null,
        };

        return new OpenApiParameter
        {
            Name = parameter.Name,
            In = ParameterLocation.Query,
            Required = parameter.Required,
            Schema = schema,
            Style = ParameterStyle.Form,
            Explode = true,
        };
    }

    private static OpenApiResponse Response(string description, string schema, OpenApiDocument document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = new OpenApiSchemaReference(schema, document) },
        },
    };

    private static void AddErrorSchemas(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schemas = document.Components.Schemas;
        schemas.TryAdd(ErrorDetailSchema, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Every error but a validation error: what went wrong, for a person to read.",
            Properties = new Dictionary<string, IOpenApiSchema> { ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String } },
            Required = new HashSet<string> { "detail" },
        });
        schemas.TryAdd(ValidationErrorSchema, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["loc"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    // Field names and list indexes. Not anyOf [string, integer] as InvokeAI writes it:
                    // generators (NSwag) turn that into a class that cannot hold either.
                    Items = new OpenApiSchema { Description = "A field name (string) or a list index (integer)." },
                },
                ["msg"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["input"] = new OpenApiSchema(),
                ["ctx"] = new OpenApiSchema { Type = JsonSchemaType.Object },
            },
            Required = new HashSet<string> { "type", "loc", "msg", "input" },
        });
        schemas.TryAdd(HttpValidationErrorSchema, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference(ValidationErrorSchema, document) },
            },
            Required = new HashSet<string> { "detail" },
        });
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes.TryAdd(BearerScheme, new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer" });
    }

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}

/// <summary>
/// Paths as InvokeAI writes them: the document generator drops the trailing slash of the routes
/// that InvokeAI writes with one (<c>/api/v1/workflows/</c>); those routes say so with
/// <see cref="OpenApiPathConventions.WithTrailingSlash"/>.
/// </summary>
internal sealed class TrailingSlashTransformer(EndpointDataSource endpoints) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var withSlash = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<TrailingSlashMetadata>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).Trim('/'))
            .ToHashSet(StringComparer.Ordinal);
        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            paths[withSlash.Contains(path.TrimEnd('/')) ? path.TrimEnd('/') + "/" : path.TrimEnd('/')] = item;
        }

        document.Paths = paths;
        return Task.CompletedTask;
    }
}

internal sealed record TrailingSlashMetadata;

/// <summary>A route parameter that is an integer (checked by the endpoint with InvokeAI's 422), documented as one.</summary>
internal sealed record IntegerRouteParameterMetadata(string Name);

/// <summary>
/// Stored JSON sent as it is (<see cref="Application.Workflows.RawJson"/>: workflow documents, model
/// configs) is always a JSON object.
/// </summary>
internal sealed class RawJsonSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(Application.Workflows.RawJson) || type == typeof(Application.Workflows.RawJson?))
        {
            schema.Type = JsonSchemaType.Object;
            schema.AdditionalPropertiesAllowed = true;
        }
        else if (schema.Items is null && typeof(IEnumerable<Application.Workflows.RawJson>).IsAssignableFrom(type))
        {
            // The generator leaves the items of a list of converter-written values undescribed.
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true };
        }

        return Task.CompletedTask;
    }
}

internal static class OpenApiPathConventions
{
    /// <summary>Documents the route with a trailing slash, as InvokeAI writes it (either form is served).</summary>
    public static TBuilder WithTrailingSlash<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new TrailingSlashMetadata());

    public static TBuilder WithIntegerRouteParameter<TBuilder>(this TBuilder builder, string name)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IntegerRouteParameterMetadata(name));
}
