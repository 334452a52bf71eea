using Invoke.Application.Users;
using Invoke.WebApi.Http;
using Invoke.WebApi.Security;
using Mediator;

namespace Invoke.WebApi.Users;

/// <summary><c>/api/v1/auth/users</c>: user management for administrators (contract §3.1).</summary>
internal static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/auth/users").WithTags("users").WithAccess(RouteAccess.StrictAdmin);

        users.MapGet("/", ListAsync).WithName("list_users");
        users.MapPost("/", CreateAsync).WithName("create_user");
        users.MapGet("/{user_id}", GetAsync).WithName("get_user");
        users.MapPatch("/{user_id}", UpdateAsync).WithName("update_user");
        users.MapDelete("/{user_id}", DeleteAsync).WithName("delete_user");
        return app;
    }

    private static async Task<IResult> ListAsync(ISender sender) =>
        Results.Json(await sender.Send(new ListUsersQuery()), ApiJson.Options);

    private static async Task<IResult> CreateAsync(HttpRequest request, ISender sender)
    {
        var body = await BodyReader.ReadAsync(request);
        var email = body.RequiredString("email");
        var displayName = body.OptionalString("display_name");
        var password = body.RequiredString("password");
        var isAdmin = body.OptionalBool("is_admin") ?? false;
        body.ThrowIfInvalid();
        var user = await sender.Send(new CreateUserCommand(email!, displayName, password!, isAdmin));
        return Results.Json(user, ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetAsync(string user_id, ISender sender) =>
        Results.Json(await sender.Send(new GetUserQuery(user_id)), ApiJson.Options);

    private static async Task<IResult> UpdateAsync(string user_id, HttpContext context, ISender sender)
    {
        var body = await BodyReader.ReadAsync(context.Request);
        var command = new UpdateUserCommand(
            user_id,
            body.OptionalString("display_name"),
            body.OptionalString("password"),
            body.OptionalBool("is_admin"),
            body.OptionalBool("is_active"));
        body.ThrowIfInvalid();
        return UserResults.WithReplacementToken(context, await sender.Send(command));
    }

    private static async Task<IResult> DeleteAsync(string user_id, ISender sender)
    {
        await sender.Send(new DeleteUserCommand(user_id));
        return Results.NoContent();
    }
}
