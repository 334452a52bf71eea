using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.OpenApi;

/// <summary>A client generated from Invoke's document with NSwag compiles (it is part of this project) and is current.</summary>
public sealed class GeneratedClientFileTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    [Fact]
    public async Task GeneratedClient_IsCurrent()
    {
        using var client = factory.CreateClient();
        var generated = await InvokeClientGenerator.GenerateAsync(await client.GetStringAsync("/openapi.json"));

        if (Environment.GetEnvironmentVariable(InvokeClientGenerator.RegenerateVariable) == "1")
        {
            await File.WriteAllTextAsync(InvokeClientGenerator.FilePath, generated);
        }

        var committed = File.Exists(InvokeClientGenerator.FilePath) ? (await File.ReadAllTextAsync(InvokeClientGenerator.FilePath)).ReplaceLineEndings("\n") : string.Empty;
        committed.Should().Be(generated, "the committed client is regenerated with {0}=1 whenever /openapi.json changes", InvokeClientGenerator.RegenerateVariable);
    }
}
