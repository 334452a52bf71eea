using Invoke.Application;
using Invoke.Application.Behaviors;
using Invoke.Application.Security;
using Invoke.Application.Workflows;
using Invoke.Infrastructure;
using Invoke.WebApi.App;
using Invoke.WebApi.ClientState;
using Invoke.WebApi.Gallery;
using Invoke.WebApi.Http;
using Invoke.WebApi.LiveUpdates;
using Invoke.WebApi.Models;
using Invoke.WebApi.Security;
using Invoke.WebApi.Users;
using Invoke.WebApi.WebUi;
using Invoke.WebApi.Workflows;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Invoke.WebApi.Hosting;

/// <summary>The composition root: configuration, services and the HTTP pipeline.</summary>
public static class InvokeHost
{
    public const int DefaultPort = 9090;
    public const string DefaultHost = "127.0.0.1";

    /// <summary>Command-line switches that mirror InvokeAI's, mapped to configuration keys.</summary>
    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--root"] = "Invoke:Root",
        ["-r"] = "Invoke:Root",
        ["--port"] = "Invoke:Port",
        ["--host"] = "Invoke:Host",
    };

    /// <param name="args">Command-line arguments and configuration overrides.</param>
    /// <param name="overrideServices">Replaces services after the defaults are registered (tests: a fake clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrideServices = null)
    {
        // appsettings.json sits beside the executable: the server and the admin CLI read it whatever
        // directory they are started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        ConfigureServices(builder);
        ConfigureHttpHardening(builder);
        overrideServices?.Invoke(builder.Services);

        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    /// <summary>Reads the <c>Invoke</c> section, resolving the root directory when it is not set.</summary>
    public static InvokeOptions ReadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(InvokeOptions.SectionName).Get<InvokeOptions>() ?? new InvokeOptions();
        if (string.IsNullOrWhiteSpace(options.Root))
        {
            options.Root = InvokePaths.DefaultRoot();
        }

        return options;
    }

    private static void ConfigureServices(WebApplicationBuilder builder)
    {
        var options = ReadOptions(builder.Configuration);
        var paths = new InvokePaths(options.Root!, options.ModelsDirectory);
        var services = builder.Services;

        services.AddSingleton(options);
        services.AddApplication(new ServerMode(options.MultiUser, options.StrictPasswordChecking));
        services.AddInfrastructure(options, paths);
        services.AddMediator(mediator =>
        {
            mediator.ServiceLifetime = ServiceLifetime.Scoped;
            mediator.Assemblies = [typeof(CreateWorkflowCommand)];
            mediator.PipelineBehaviors =
            [
                typeof(LoggingBehavior<,>),
                typeof(AuthorizationBehavior<,>),
                typeof(ValidationBehavior<,>),
            ];
        });

        services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = 32 * 1024 * 1024);
        services.AddInvokeOpenApi();
        services.AddWebUi(builder.Configuration);
        services.AddInvokeHealthChecks();
        services.AddHostedService<StartupTasks>();
        services.AddLiveUpdates(builder.Configuration);

        // A web UI served from another origin needs CORS, and must see the sliding-refresh header.
        var origins = builder.Configuration.GetSection("Invoke:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .AllowAnyHeader()
            .AllowAnyMethod()
            .AllowCredentials()
            .WithExposedHeaders(TokenRefreshMiddleware.Header)));

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            var host = builder.Configuration["Invoke:Host"] ?? DefaultHost;
            var port = builder.Configuration.GetValue("Invoke:Port", DefaultPort);
            builder.WebHost.UseUrls($"http://{host}:{port}");
        }
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        UseHttpHardening(app);
        UseTrustedProxies(app);
        app.UseMiddleware<ErrorResponseMiddleware>();
        app.UseStatusCodePages(async context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            var detail = status switch
            {
                StatusCodes.Status404NotFound => "Not Found",
                StatusCodes.Status405MethodNotAllowed => "Method Not Allowed",
                _ => ReasonPhrases.GetReasonPhrase(status),
            };
            await ErrorResponses.WriteAsync(context.HttpContext, status, ErrorResponses.Detail(detail));
        });
        app.UseCors();
        app.UseMiddleware<TokenRefreshMiddleware>();
        app.UseRouting();
        app.UseMiddleware<AccessControlMiddleware>();
        app.UseWebUi();
        app.UseMiddleware<NodeDefinitionsMiddleware>();

        app.MapInvokeOpenApi();
        app.MapHealthChecks("/health", HealthChecks.Options).WithAccess(RouteAccess.Public);
        app.MapAppEndpoints();
        app.MapAuthEndpoints();
        app.MapUserEndpoints();
        app.MapWorkflowEndpoints();
        app.MapModelEndpoints();
        app.MapEmptyGalleryEndpoints();
        app.MapClientStateEndpoints();
        app.MapLiveUpdates();
    }

    /// <summary>
    /// Host validation (<see cref="AllowedHosts"/>: loopback names only when bound to loopback, unless
    /// <c>Invoke:AllowedHosts</c> is set) and no <c>Server</c> header. See <c>docs/security.md</c>.
    /// </summary>
    private static void ConfigureHttpHardening(WebApplicationBuilder builder)
    {
        // Bound by "urls" instead: loopback only when every address there is loopback.
        var urls = builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"];
        var boundHost = string.IsNullOrEmpty(urls)
            ? builder.Configuration["Invoke:Host"] ?? DefaultHost
            : urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .All(url => Uri.TryCreate(url.Replace("*", "any", StringComparison.Ordinal).Replace("+", "any", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                    && AllowedHosts.IsLoopback(uri.Host)) ? "localhost" : "*";
        builder.Services.AddSingleton(AllowedHosts.For(builder.Configuration, boundHost));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
    }

    private static void UseHttpHardening(WebApplication app)
    {
        app.UseMiddleware<ResponseHeadersMiddleware>();
        app.UseMiddleware<HostValidationMiddleware>();
    }

    /// <summary>
    /// Behind reverse proxies listed in <c>Invoke:TrustedProxies</c> (addresses or CIDR networks), the
    /// client address, scheme and path prefix come from their <c>X-Forwarded-*</c> headers — so that
    /// login throttling counts clients, not the proxy. Without the setting the headers are ignored.
    /// </summary>
    private static void UseTrustedProxies(WebApplication app)
    {
        var proxies = app.Configuration.GetSection("Invoke:TrustedProxies").Get<string[]>() ?? [];
        if (proxies.Length == 0)
        {
            return;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedPrefix,
        };
        app.UseMiddleware<ForwardedPrefixFilter>();
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            if (System.Net.IPNetwork.TryParse(proxy, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (System.Net.IPAddress.TryParse(proxy, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"Invoke:TrustedProxies: '{proxy}' is neither an IP address nor a CIDR network.");
            }
        }

        app.UseForwardedHeaders(options);
    }
}
