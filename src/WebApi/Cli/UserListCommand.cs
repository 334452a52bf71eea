using System.CommandLine;
using System.Text.Json;
using Invoke.Application.Users;
using Mediator;

namespace Invoke.WebApi.Cli;

/// <summary><c>userlist</c>, as InvokeAI's <c>invoke-userlist</c>: a table, or JSON with <c>--json</c>; the system account included.</summary>
internal sealed class UserListCommand : UseCaseCommand
{
    private readonly Option<bool> _json = new("--json") { Description = "Print the users as JSON" };

    public override string Name => "userlist";

    public override string Description => "List every user, the built-in system account included";

    public override IEnumerable<Option> Options => [_json];

    protected override async Task<int> RunAsync(ParseResult options, ISender sender, CliConsole console, CancellationToken cancellationToken)
    {
        var users = await sender.Send(new ListUsersQuery(IncludeSystemAccount: true), cancellationToken);
        if (options.GetValue(_json))
        {
            var rows = users.Select(u => new { id = u.UserId, email = u.Email, name = u.DisplayName, is_admin = u.IsAdmin, is_active = u.IsActive });
            console.Out.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }

        console.Out.WriteLine($"{"User ID",-36} {"Email",-30} {"Display Name",-20} {"Admin",-8} {"Active",-8}");
        console.Out.WriteLine(new string('-', 106));
        foreach (var user in users)
        {
            console.Out.WriteLine(
                $"{Cut(user.UserId, 36),-36} {Cut(user.Email, 30),-30} {Cut(user.DisplayName ?? string.Empty, 20),-20} {(user.IsAdmin ? "Yes" : "No"),-8} {(user.IsActive ? "Yes" : "No"),-8}");
        }

        console.Out.WriteLine();
        console.Out.WriteLine($"Total users: {users.Count}");
        return 0;
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..width];
}
