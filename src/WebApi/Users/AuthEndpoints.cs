using Invoke.Application.Users;
using Invoke.WebApi.Http;
using Invoke.WebApi.Security;
using Mediator;

namespace Invoke.WebApi.Users;

/// <summary><c>/api/v1/auth</c>: setup, login and the caller's own account (contract §2.6).</summary>
internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("authentication");

        auth.MapGet("/status", StatusAsync).WithName("get_setup_status").WithAccess(RouteAccess.Public);
        auth.MapPost("/setup", SetupAsync).WithName("setup_admin").WithAccess(RouteAccess.Public);
        auth.MapPost("/login", LoginAsync).WithName("login").WithAccess(RouteAccess.Public);
        auth.MapPost("/logout", LogoutAsync).WithName("logout").WithAccess(RouteAccess.StrictUser);
        auth.MapGet("/me", MeAsync).WithName("get_current_user_info").WithAccess(RouteAccess.StrictUser);
        auth.MapPatch("/me", UpdateMeAsync).WithName("update_current_user").WithAccess(RouteAccess.StrictUser);
        auth.MapPost("/media-cookie", RefreshMediaCookie).WithName("refresh_media_cookie").WithAccess(RouteAccess.User);
        auth.MapGet("/generate-password", GeneratePasswordAsync).WithName("generate_password").WithAccess(RouteAccess.StrictUser);
        return app;
    }

    private static async Task<IResult> StatusAsync(ISender sender) =>
        Results.Json(await sender.Send(new GetSetupStatusQuery()), ApiJson.Options);

    private static async Task<IResult> SetupAsync(HttpRequest request, ISender sender)
    {
        var body = await BodyReader.ReadAsync(request);
        var email = body.RequiredString("email");
        var displayName = body.OptionalString("display_name");
        var password = body.RequiredString("password");
        body.ThrowIfInvalid();
        return Results.Json(await sender.Send(new SetupAdministratorCommand(email!, displayName, password!)), ApiJson.Options);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, ISender sender)
    {
        var body = await BodyReader.ReadAsync(context.Request);
        var email = body.RequiredString("email");
        var password = body.RequiredString("password");
        var rememberMe = body.OptionalBool("remember_me") ?? false;
        body.ThrowIfInvalid();

        var clientAddress = context.Connection.RemoteIpAddress?.ToString();
        var login = await sender.Send(new LoginCommand(email!, password!, rememberMe, clientAddress));
        MediaCookie.Set(context, login.Token, TimeSpan.FromSeconds(login.ExpiresIn));
        return Results.Json(login, ApiJson.Options);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, ISender sender)
    {
        await sender.Send(new LogoutCommand());
        MediaCookie.Delete(context);
        return Results.Json(new SuccessResponse(true), ApiJson.Options);
    }

    private static async Task<IResult> MeAsync(ISender sender) =>
        Results.Json(await sender.Send(new GetCurrentUserQuery()), ApiJson.Options);

    private static async Task<IResult> UpdateMeAsync(HttpContext context, ISender sender)
    {
        var body = await BodyReader.ReadAsync(context.Request);
        var displayName = body.OptionalString("display_name");
        var currentPassword = body.OptionalString("current_password");
        var newPassword = body.OptionalString("new_password");
        body.ThrowIfInvalid();

        var result = await sender.Send(new UpdateCurrentUserCommand(
            displayName, currentPassword, newPassword, context.Connection.RemoteIpAddress?.ToString()));
        return UserResults.WithReplacementToken(context, result);
    }

    /// <summary>Re-issues the media cookie from the Bearer token the access check verified; a no-op in single-user mode.</summary>
    private static IResult RefreshMediaCookie(HttpContext context, Application.Security.ServerMode mode, TimeProvider time)
    {
        if (mode.MultiUser
            && BearerToken.FromHeader(context.Request) is { } token
            && context.Items[AccessControlMiddleware.TokenExpiryItem] is DateTimeOffset expiresAt)
        {
            MediaCookie.Set(context, token, expiresAt - time.GetUtcNow());
        }

        return Results.Json(new SuccessResponse(true), ApiJson.Options);
    }

    private static async Task<IResult> GeneratePasswordAsync(ISender sender) =>
        Results.Json(await sender.Send(new GeneratePasswordQuery()), ApiJson.Options);

    internal sealed record SuccessResponse(bool Success);
}

internal static class UserResults
{
    /// <summary>The user, plus the replacement token (header and media cookie) when the caller changed their own password.</summary>
    public static IResult WithReplacementToken(HttpContext context, UserChangeResult result)
    {
        if (result.ReplacementToken is { } token)
        {
            context.Response.Headers[TokenRefreshMiddleware.Header] = token.Token;
            MediaCookie.Set(context, token.Token, token.Lifetime);
        }

        return Results.Json(result.User, ApiJson.Options);
    }
}
