using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Invoke.WebApi.Http;

/// <summary>
/// Tells the API explorer (and so the document generator) about the JSON body a bound request
/// reads, so that it is described with component schemas like any other body. Endpoint metadata
/// cannot say it: <c>AcceptsMetadata</c> would also make routing refuse other content types, before
/// the access check and without InvokeAI's <c>detail</c>.
/// </summary>
internal sealed class BoundRequestApiDescriptionProvider : IApiDescriptionProvider
{
    private static readonly EmptyModelMetadataProvider Metadata = new();

    /// <summary>After the endpoint provider (order -1100) has described the routes.</summary>
    public int Order => 0;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var description in context.Results)
        {
            if (description.ActionDescriptor.EndpointMetadata.OfType<RequestShape>().LastOrDefault() is not { Body: { ContentType: RequestBody.Json } body })
            {
                continue;
            }

            description.ParameterDescriptions.Add(new ApiParameterDescription
            {
                Name = "body",
                Source = BindingSource.Body,
                Type = body.Schema,
                ModelMetadata = Metadata.GetMetadataForType(body.Schema),
                IsRequired = !body.Optional,
            });
            description.SupportedRequestFormats.Add(new ApiRequestFormat { MediaType = body.ContentType });
        }
    }
}
