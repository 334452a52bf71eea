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
    /// <summary>Verified when there is no password to check, so that every answer takes as long.</summary>
    private static string? decoyHash;

    /// <summary>A real hash of a random password, made by the configured hasher (same cost as every other).</summary>
    internal static string DecoyHash(IPasswordHasher hasher) => decoyHash ??= hasher.Hash(Guid.NewGuid().ToString());

    public async ValueTask<LoginResponse> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        if (!mode.MultiUser)
        {
            throw new ForbiddenException(UserMessages.LoginDisabledInSingleUserMode);
        }

        var email = UserValidation.ParsedEmail(command.Email);
        if (await throttle.TryReserveAsync(email.Key, command.ClientAddress, cancellationToken) is { } wait)
        {
            throw new TooManyRequestsException(UserMessages.TooManyLoginAttempts, wait);
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.EmailKey == email.Key, cancellationToken);

        // No account, the system account (no password) or a row without a usable hash: a decoy hash
        // is verified instead, so that every refusal takes as long as a wrong password.
        var canLogIn = user is { IsSystemAccount: false, PasswordHash.Length: > 0 };
        var verified = hasher.Verify(command.Password, canLogIn ? user!.PasswordHash : DecoyHash(hasher)) && canLogIn;
        if (!verified)
        {
            await throttle.RecordFailureAsync(email.Key, command.ClientAddress, cancellationToken);
            throw new UnauthenticatedException(UserMessages.IncorrectCredentials, challenge: true);
        }

        await throttle.RecordSuccessAsync(email.Key, command.ClientAddress, cancellationToken);
        var account = user!;
        if (!account.IsActive)
        {
            throw new ForbiddenException(UserMessages.AccountDisabled);
        }

        account.RecordLogin(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);

        var token = await tokens.IssueAsync(TokenLifetimes.ClaimsFor(account, command.RememberMe, time), cancellationToken);
        return new LoginResponse(token.Token, UserDto.From(account), (int)token.Lifetime.TotalSeconds);
    }
}
