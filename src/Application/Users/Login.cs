using FluentValidation;
using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Users;

/// <summary>
/// Exchanges an e-mail address and password for a token. <paramref name="ClientAddress"/> is the
/// network address the attempt came from, for throttling.
/// </summary>
[AllowAnonymousRequest]
public sealed record LoginCommand(string Email, string Password, bool RememberMe = false, string? ClientAddress = null)
    : ICommand<LoginResponse>;

/// <summary>InvokeAI's <c>LoginResponse</c>; <paramref name="ExpiresIn"/> in seconds.</summary>
public sealed record LoginResponse(string Token, UserDto User, int ExpiresIn);

internal sealed class LoginValidator : AbstractValidator<LoginCommand>
{
    public LoginValidator()
    {
        RuleFor(c => c.Email).ValidEmail().OverridePropertyName("body.email");
    }
}

internal sealed class LoginHandler(
    IAppDbContext db,
    ServerMode mode,
    IPasswordHasher hasher,
    ITokenService tokens,
    ILoginThrottle throttle,
    TimeProvider time) : ICommandHandler<LoginCommand, LoginResponse>
{
    /// <summary>Verified when the account does not exist, so that both answers take as long.</summary>
    private static string? decoyHash;

    public async ValueTask<LoginResponse> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        if (!mode.MultiUser)
        {
            throw new ForbiddenException(UserMessages.LoginDisabledInSingleUserMode);
        }

        var email = UserValidation.ParsedEmail(command.Email);
        if (await throttle.RetryAfterAsync(email.Key, command.ClientAddress, cancellationToken) is { } wait)
        {
            throw new TooManyRequestsException(UserMessages.TooManyLoginAttempts, wait);
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.EmailKey == email.Key, cancellationToken);
        var verified = hasher.Verify(command.Password, user?.PasswordHash ?? (decoyHash ??= hasher.Hash(Guid.NewGuid().ToString())));
        if (user is null || user.IsSystemAccount || !verified)
        {
            await throttle.RecordFailureAsync(email.Key, command.ClientAddress, cancellationToken);
            throw new UnauthenticatedException(UserMessages.IncorrectCredentials, challenge: true);
        }

        if (!user.IsActive)
        {
            throw new ForbiddenException(UserMessages.AccountDisabled);
        }

        user.RecordLogin(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await throttle.RecordSuccessAsync(email.Key, cancellationToken);

        var token = await tokens.IssueAsync(TokenLifetimes.ClaimsFor(user, command.RememberMe, time), cancellationToken);
        return new LoginResponse(token.Token, UserDto.From(user), (int)token.Lifetime.TotalSeconds);
    }
}
