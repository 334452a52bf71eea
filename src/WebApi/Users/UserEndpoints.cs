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

        users.MapGet(string.Empty, async (ISender sender) => Api.Ok(await sender.Send(new ListUsersQuery())))
            .WithName("list_users_api_v1_auth_users_get").Returns<IReadOnlyList<UserDto>>();
        users.MapPost(string.Empty, async (CreateUserRequest request, ISender sender) => Api.Created(await sender.Send(request.Command)))
            .WithName("create_user_api_v1_auth_users_post").Returns<UserDto>(StatusCodes.Status201Created);
        users.MapGet("/{user_id}", async (string user_id, ISender sender) => Api.Ok(await sender.Send(new GetUserQuery(user_id))))
            .WithName("get_user_api_v1_auth_users__user_id__get").Returns<UserDto>();
        users.MapPatch("/{user_id}", async (UpdateUserRequest request, HttpContext context, ISender sender) =>
                UserResults.WithReplacementToken(context, await sender.Send(request.Command)))
            .WithName("update_user_api_v1_auth_users__user_id__patch").Returns<UserDto>();
        users.MapDelete("/{user_id}", async (string user_id, ISender sender) => Api.NoContent(await sender.Send(new DeleteUserCommand(user_id))))
            .WithName("delete_user_api_v1_auth_users__user_id__delete").ReturnsNoContent();
        return app;
    }
}
