using System.CommandLine;
using Invoke.Application.Users;
using Mediator;

namespace Invoke.WebApi.Cli;

/// <summary><c>usermod</c>, as InvokeAI's <c>invoke-usermod</c>: name, password and role, from options or interactively.</summary>
internal sealed class UserModCommand : UseCaseCommand
{
    private readonly Option<string> _email = new("--email", "-e") { Description = "The e-mail address of the user to change (asked for when omitted)", HelpName = "EMAIL" };
    private readonly Option<string> _name = new("--name", "-n") { Description = "A new display name", HelpName = "NAME" };
    private readonly Option<string> _password = new("--password", "-p") { Description = "A new password", HelpName = "PASSWORD" };
    private readonly Option<bool> _admin = new("--admin", "-a") { Description = "Make the user an administrator" };
    private readonly Option<bool> _noAdmin = new("--no-admin") { Description = "Make the user a regular user" };

    public override string Name => "usermod";

    public override string Description => "Change a user's display name, password or administrator role";

    public override IEnumerable<Option> Options => [_email, _name, _password, _admin, _noAdmin];

    protected override async Task<int> RunAsync(ParseResult options, ISender sender, CliConsole console, CancellationToken cancellationToken)
    {
        var email = options.GetValue(_email);
        string? name;
        string? password;
        bool? isAdmin;
        if (email is not null)
        {
            name = options.GetValue(_name);
            password = options.GetValue(_password);
            isAdmin = options.GetValue(_admin) ? true : options.GetValue(_noAdmin) ? false : null;
            if (name is null && password is null && isAdmin is null)
            {
                console.Out.WriteLine("❌ Error: No changes specified. Use --name, --password, --admin, or --no-admin");
                return 1;
            }
        }
        else
        {
            email = console.Ask("Email address of the user to modify: ")?.Trim();
            if (string.IsNullOrEmpty(email))
            {
                console.Out.WriteLine("❌ Error: an email address is required");
                return 1;
            }

            var current = await sender.Send(new FindUserByEmailQuery(email), cancellationToken);
            UserPrompts.Describe(console.Out, current);
            name = console.Ask($"New display name (Enter keeps '{current.DisplayName}'): ")?.Trim() is { Length: > 0 } entered ? entered : null;
            password = null;
            if (console.Confirm("Change the password? (y/N): "))
            {
                password = UserPrompts.AskNewPassword(console);
                if (password is null)
                {
                    return 1;
                }
            }

            isAdmin = null;
            if (console.Confirm($"Change the administrator role (currently {(current.IsAdmin ? "administrator" : "regular user")})? (y/N): "))
            {
                isAdmin = !current.IsAdmin;
            }
        }

        var user = await sender.Send(new FindUserByEmailQuery(email), cancellationToken);
        var updated = await sender.Send(new UpdateUserCommand(user.UserId, name, password, isAdmin), cancellationToken);
        console.Out.WriteLine("✅ User updated successfully");
        UserPrompts.Describe(console.Out, updated.User);
        return 0;
    }
}
