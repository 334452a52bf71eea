using System.Runtime.CompilerServices;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Invoke.WebApi.IntegrationTests.OpenApi;

/// <summary>
/// Generates a C# client from Invoke's <c>/openapi.json</c> with NSwag, as an integrator would. The
/// result is kept in <see cref="FilePath"/> and compiled with the tests; to regenerate it, run
/// <c>INVOKE_REGENERATE_CLIENT=1 dotnet test tests/WebApi.IntegrationTests --filter GeneratedClient_IsCurrent</c>.
/// </summary>
internal static class InvokeClientGenerator
{
    public const string RegenerateVariable = "INVOKE_REGENERATE_CLIENT";

    public static string FilePath => Path.Combine(Path.GetDirectoryName(ThisFile())!, "Generated", "InvokeClient.cs");

    public static async Task<string> GenerateAsync(string openApiJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(openApiJson);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "InvokeClient",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
        };
        settings.CSharpGeneratorSettings.Namespace = "Invoke.WebApi.IntegrationTests.OpenApi.Generated";
        settings.CSharpGeneratorSettings.JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson;
        return new CSharpClientGenerator(document, settings).GenerateFile().ReplaceLineEndings("\n");
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
