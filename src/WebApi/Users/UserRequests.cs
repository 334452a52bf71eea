using Invoke.Application.Users;
using Invoke.WebApi.Http;

namespace Invoke.WebApi.Users;

// The bodies InvokeAI's auth and user routes take, bound in one step (see IBoundRequest).

internal sealed record SetupAdministratorRequest(SetupAdministratorCommand Command) : IBoundRequest<SetupAdministratorRequest>
{
    public static RequestShape Shape { get; } = SmallJson(typeof(SetupRequestSchema));

    public static SetupAdministratorRequest? Bind(RequestReader request)
    {
        var body = request.Body!;
        var email = body.RequiredString("email");
        var displayName = body.OptionalString("display_name");
        var password = body.RequiredString("password");
        return email is null || password is null ? null : new(new SetupAdministratorCommand(email, displayName, password));
    }

    internal static RequestShape SmallJson(Type schema) => new([], new RequestBody(schema, RequestBody.Json, Limit: JsonBody.SmallLimit));
}

/// <summary>A login; the client address is the connection's (after trusted proxies).</summary>
internal sealed record LoginRequest(LoginCommand Command) : IBoundRequest<LoginRequest>
{
    public static RequestShape Shape { get; } = SetupAdministratorRequest.SmallJson(typeof(LoginRequestSchema));

    public static LoginRequest? Bind(RequestReader request)
    {
        var body = request.Body!;
        var email = body.RequiredString("email");
        var password = body.RequiredString("password");
        var rememberMe = body.OptionalBool("remember_me") ?? false;
        var clientAddress = request.Context.Connection.RemoteIpAddress?.ToString();
        return email is null || password is null ? null : new(new LoginCommand(email, password, rememberMe, clientAddress));
    }
}

internal sealed record UpdateCurrentUserRequest(UpdateCurrentUserCommand Command) : IBoundRequest<UpdateCurrentUserRequest>
{
    public static RequestShape Shape { get; } = SetupAdministratorRequest.SmallJson(typeof(UserProfileUpdateRequestSchema));

    public static UpdateCurrentUserRequest Bind(RequestReader request)
    {
        var body = request.Body!;
        return new(new UpdateCurrentUserCommand(
            body.OptionalString("display_name"),
            body.OptionalString("current_password"),
            body.OptionalString("new_password"),
            request.Context.Connection.RemoteIpAddress?.ToString()));
    }
}

internal sealed record CreateUserRequest(CreateUserCommand Command) : IBoundRequest<CreateUserRequest>
{
    public static RequestShape Shape { get; } = SetupAdministratorRequest.SmallJson(typeof(AdminUserCreateRequestSchema));

    public static CreateUserRequest? Bind(RequestReader request)
    {
        var body = request.Body!;
        var email = body.RequiredString("email");
        var displayName = body.OptionalString("display_name");
        var password = body.RequiredString("password");
        var isAdmin = body.OptionalBool("is_admin") ?? false;
        return email is null || password is null ? null : new(new CreateUserCommand(email, displayName, password, isAdmin));
    }
}

internal sealed record UpdateUserRequest(UpdateUserCommand Command) : IBoundRequest<UpdateUserRequest>
{
    public static RequestShape Shape { get; } = SetupAdministratorRequest.SmallJson(typeof(AdminUserUpdateRequestSchema));

    public static UpdateUserRequest Bind(RequestReader request)
    {
        var body = request.Body!;
        return new(new UpdateUserCommand(
            request.Route("user_id"),
            body.OptionalString("display_name"),
            body.OptionalString("password"),
            body.OptionalBool("is_admin"),
            body.OptionalBool("is_active")));
    }
}

#pragma warning disable CA1812 // Documentation shapes: only the document generator reflects over these.

/// <summary>InvokeAI's <c>SetupRequest</c>.</summary>
internal sealed class SetupRequestSchema
{
    public required string Email { get; init; }

    public string? DisplayName { get; init; }

    public required string Password { get; init; }
}

/// <summary>InvokeAI's <c>LoginRequest</c>.</summary>
internal sealed class LoginRequestSchema
{
    public required string Email { get; init; }

    public required string Password { get; init; }

    public bool RememberMe { get; init; }
}

/// <summary>InvokeAI's <c>UserProfileUpdateRequest</c>.</summary>
internal sealed class UserProfileUpdateRequestSchema
{
    public string? DisplayName { get; init; }

    public string? CurrentPassword { get; init; }

    public string? NewPassword { get; init; }
}

/// <summary>InvokeAI's <c>AdminUserCreateRequest</c>.</summary>
internal sealed class AdminUserCreateRequestSchema
{
    public required string Email { get; init; }

    public string? DisplayName { get; init; }

    public required string Password { get; init; }

    public bool IsAdmin { get; init; }
}

/// <summary>InvokeAI's <c>AdminUserUpdateRequest</c>.</summary>
internal sealed class AdminUserUpdateRequestSchema
{
    public string? DisplayName { get; init; }

    public string? Password { get; init; }

    public bool? IsAdmin { get; init; }

    public bool? IsActive { get; init; }
}
#pragma warning restore CA1812
