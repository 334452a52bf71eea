using System.CommandLine;
using Invoke.Application.Users;
using Mediator;

namespace Invoke.WebApi.Cli;

/// <summary><c>userdel</c>, as InvokeAI's <c>invoke-userdel</c>: asks before deleting unless <c>--force</c>.</summary>
internal sealed class UserDelCommand : UseCaseCommand
{
    private readonly Option<string> _email = new("--email", "-e") { Description = "The e-mail address of the user to delete (asked for when omitted)", HelpName = "EMAIL" };
    private readonly Option<bool> _force = new("--force", "-f") { Description = "Delete without asking for confirmation" };

    public override string Name => "userdel";

    public override string Description => "Delete a user";

    public override IEnumerable<Option> Options => [_email, _force];

    protected override async Task<int> RunAsync(ParseResult options, ISender sender, CliConsole console, CancellationToken cancellationToken)
    {
        var email = options.GetValue(_email) ?? console.Ask("Email address of the user to delete: ")?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            console.Out.WriteLine("❌ Error: an email address is required");
            return 1;
        }

        var user = await sender.Send(new FindUserByEmailQuery(email), cancellationToken);
        UserPrompts.Describe(console.Out, user);
        if (!options.GetValue(_force) && !console.Confirm($"Delete user {user.Email}? This cannot be undone. (yes/no): "))
        {
            console.Out.WriteLine("Cancelled: the user was not deleted");
            return 1;
        }

        await sender.Send(new DeleteUserCommand(user.UserId), cancellationToken);
        console.Out.WriteLine($"✅ User {user.Email} deleted");
        return 0;
    }
}
