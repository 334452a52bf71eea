using System.CommandLine;
using Invoke.Application.Users;
using Mediator;

namespace Invoke.WebApi.Cli;

/// <summary><c>useradd</c>, as InvokeAI's <c>invoke-useradd</c>: from options, or interactively without them.</summary>
internal sealed class UserAddCommand : UseCaseCommand
{
    private readonly Option<string> _email = new("--email", "-e") { Description = "The user's e-mail address (asked for when omitted)", HelpName = "EMAIL" };
    private readonly Option<string> _password = new("--password", "-p") { Description = "The password (with --email; asked for when both are omitted)", HelpName = "PASSWORD" };
    private readonly Option<string> _name = new("--name", "-n") { Description = "The display name", HelpName = "NAME" };
    private readonly Option<bool> _admin = new("--admin", "-a") { Description = "Make the user an administrator" };

    public override string Name => "useradd";

    public override string Description => "Create a user";

    public override IEnumerable<Option> Options => [_email, _password, _name, _admin];

    protected override async Task<int> RunAsync(ParseResult options, ISender sender, CliConsole console, CancellationToken cancellationToken)
    {
        var email = options.GetValue(_email);
        var password = options.GetValue(_password);
        var name = options.GetValue(_name);
        var isAdmin = options.GetValue(_admin);
        if (email is not null || password is not null)
        {
            if (email is null || password is null)
            {
                console.Out.WriteLine("❌ Error: --email and --password must be given together");
                return 1;
            }
        }
        else
        {
            console.Out.WriteLine("Create a new user");
            email = console.Ask("Email address: ")?.Trim();
            if (string.IsNullOrEmpty(email))
            {
                console.Out.WriteLine("❌ Error: an email address is required");
                return 1;
            }

            name = console.Ask("Display name (optional): ")?.Trim() is { Length: > 0 } entered ? entered : null;
            password = UserPrompts.AskNewPassword(console);
            if (password is null)
            {
                return 1;
            }

            isAdmin = console.Confirm("Make this user an administrator? (y/N): ");
        }

        var user = await sender.Send(new CreateUserCommand(email, name, password, isAdmin), cancellationToken);
        console.Out.WriteLine("✅ User created successfully");
        UserPrompts.Describe(console.Out, user);
        return 0;
    }
}
