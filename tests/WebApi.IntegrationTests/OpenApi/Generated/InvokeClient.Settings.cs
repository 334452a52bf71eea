using System.Text.Json;
using System.Text.Json.Serialization;

namespace Invoke.WebApi.IntegrationTests.OpenApi.Generated;

/// <summary>
/// What an integrator adds beside the generated client: NSwag's System.Text.Json output writes
/// enum values in bodies as numbers unless told otherwise, and InvokeAI's enums are snake_case words.
/// </summary>
public partial class InvokeClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
}
