using System.Net;
using Invoke.Application.Models;
using Invoke.Domain.Models;
using Invoke.Infrastructure.Models;
using Invoke.WebApi.IntegrationTests.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Invoke.WebApi.IntegrationTests.Models;

/// <summary>A failure while walking a folder that exists: a 500 that names the folder and nothing else.</summary>
public sealed class ScanFailureEndpointTests(ScanFailureEndpointTests.FailingWalkFactory factory)
    : IClassFixture<ScanFailureEndpointTests.FailingWalkFactory>
{
    private const string Secret = "permission denied on /srv/secret/hidden.safetensors";

    [Fact]
    public async Task ScanFolder_WhenTheWalkFails_Is500WithoutTheExceptionTypeOrMessage()
    {
        var response = await factory.CreateClient().GetAsync($"/api/v2/models/scan_folder?scan_path={Uri.EscapeDataString(factory.Root)}");

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        body.Should().Be($$"""{"detail":"An error occurred while scanning '{{factory.Root}}'"}""");
        body.Should().NotContain(Secret).And.NotContain(nameof(UnauthorizedAccessException));
    }

    public sealed class FailingWalkFactory : InvokeApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IModelFileSystem>();
                services.AddSingleton<IModelFileSystem, FailingWalk>();
            });
        }
    }

    private sealed class FailingWalk : IModelFileSystem
    {
        private readonly ModelFileSystem _real = new();

        public ModelOnDisk? Inspect(string realPath) => _real.Inspect(realPath);

        public Task<string> HashAsync(string realPath, CancellationToken cancellationToken) => _real.HashAsync(realPath, cancellationToken);

        public bool IsDirectory(string path) => _real.IsDirectory(path);

        public IReadOnlyList<string>? FindModels(string directory, ModelScanLimits limits, CancellationToken cancellationToken) => throw new UnauthorizedAccessException(Secret);

        public IReadOnlyList<ModelFile> FindModelFiles(ModelsDirectory directory) => _real.FindModelFiles(directory);

        public void Remove(string realPath) => _real.Remove(realPath);
    }
}
