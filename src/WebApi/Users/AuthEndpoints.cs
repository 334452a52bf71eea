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

        // InvokeAI's auth routes keep FastAPI's generated operation ids (name, path, method).
        auth.MapGet("/status", async (ISender sender) => Api.Ok(await sender.Send(new GetSetupStatusQuery())))
            .WithName("get_setup_status_api_v1_auth_status_get").Returns<SetupStatusResponse>().WithAccess(RouteAccess.Public);
        auth.MapPost("/setup", async (SetupAdministratorRequest request, ISender sender) => Api.Ok(await sender.Send(request.Command)))
            .WithName("setup_admin_api_v1_auth_setup_post").Returns<SetupResponse>().WithAccess(RouteAccess.Public);
        auth.MapPost("/login", LoginAsync)
            .WithName("login_api_v1_auth_login_post").Returns<LoginResponse>().WithAccess(RouteAccess.Public);
        auth.MapPost("/logout", LogoutAsync)
            .WithName("logout_api_v1_auth_logout_post").Returns<SuccessResponse>().WithAccess(RouteAccess.StrictUser);
        auth.MapGet("/me", async (ISender sender) => Api.Ok(await sender.Send(new GetCurrentUserQuery())))
            .WithName("get_current_user_info_api_v1_auth_me_get").Returns<UserDto>().WithAccess(RouteAccess.StrictUser);
        auth.MapPatch("/me", UpdateMeAsync)
            .WithName("update_current_user_api_v1_auth_me_patch").Returns<UserDto>().WithAccess(RouteAccess.StrictUser);
        auth.MapPost("/media-cookie", RefreshMediaCookie)
            .WithName("refresh_media_cookie_api_v1_auth_media_cookie_post").Returns<SuccessResponse>().WithAccess(RouteAccess.User);
        auth.MapGet("/generate-password", async (ISender sender) => Api.Ok(await sender.Send(new GeneratePasswordQuery())))
            .WithName("generate_password_api_v1_auth_generate_password_get").Returns<GeneratePasswordResponse>().WithAccess(RouteAccess.StrictUser);
        return app;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, HttpContext context, ISender sender)
    {
        var login = await sender.Send(request.Command);
        MediaCookie.Set(context, login.Token, TimeSpan.FromSeconds(login.ExpiresIn));
        return Api.Ok(login);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, ISender sender)
    {
        await sender.Send(new LogoutCommand());
        MediaCookie.Delete(context);
        return Api.Ok(new SuccessResponse(true));
    }

    private static async Task<IResult> UpdateMeAsync(UpdateCurrentUserRequest request, HttpContext context, ISender sender) =>
        UserResults.WithReplacementToken(context, await sender.Send(request.Command));

    /// <summary>Re-issues the media cookie from the Bearer token the access check verified; a no-op in single-user mode.</summary>
    private static IResult RefreshMediaCookie(HttpContext context, Application.Security.ServerMode mode, TimeProvider time)
    {
        if (mode.MultiUser
            && BearerToken.FromHeader(context.Request) is { } token
            && context.Items[AccessControlMiddleware.TokenExpiryItem] is DateTimeOffset expiresAt)
        {
            MediaCookie.Set(context, token, expiresAt - time.GetUtcNow());
        }

        return Api.Ok(new SuccessResponse(true));
    }

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

        return Api.Ok(result.User);
    }
}
