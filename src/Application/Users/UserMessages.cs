namespace Invoke.Application.Users;

/// <summary>InvokeAI's exact <c>detail</c> texts for the identity endpoints.</summary>
internal static class UserMessages
{
    public const string UserNotFound = "User not found";
    public const string IncorrectCredentials = "Incorrect email or password";
    public const string AccountDisabled = "User account is disabled";
    public const string LoginDisabledInSingleUserMode = "Multiuser mode is disabled. Authentication is not required in single-user mode.";
    public const string SetupDisabledInSingleUserMode = "Multiuser mode is disabled. Admin setup is not required in single-user mode.";
    public const string AdministratorAlreadyConfigured = "Administrator account already configured";
    public const string CurrentPasswordRequired = "Current password is required to set a new password";
    public const string CurrentPasswordIncorrect = "Current password is incorrect";
    public const string TooManyLoginAttempts = "Too many failed login attempts. Try again later.";

    public static string EmailTaken(string email) => $"User with email {email} already exists";
}
