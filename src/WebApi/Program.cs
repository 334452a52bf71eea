using Invoke.WebApi.Hosting;

var app = InvokeHost.Build(args);
await app.RunAsync();

/// <summary>The entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
