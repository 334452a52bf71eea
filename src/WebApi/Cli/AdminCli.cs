using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Application.Security;
using Invoke.Application.Users;
using Invoke.Domain.Rules;
using Invoke.Domain.Users;
using Invoke.WebApi.Hosting;
using Mediator;

namespace Invoke.WebApi.Cli;

/// <summary>
/// <c>useradd</c>, <c>userdel</c>, <c>usermod</c> and <c>userlist</c>: InvokeAI's
/// <c>invoke-user*</c> tools as subcommands of the server executable. They run as the trusted local
/// operator through the same use cases and rules as the API, always with the strict password
/// policy, and exit with 0 on success and 1 on failure.
/// </summary>
internal static class AdminCli
{
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.Ordinal)
    {
        "useradd", "userdel", "usermod", "userlist", ImportInvokeAiCliCommand.Name,
    };

    public static async Task<int> RunAsync(string command, IReadOnlyList<string> args, TextReader input, TextWriter output)
    {
        // import-invokeai: self-contained (its own options and output), see ImportInvokeAiCliCommand.
        if (command == ImportInvokeAiCliCommand.Name)
        {
            return await ImportInvokeAiCliCommand.RunAsync(args, output);
        }

        var console = new CliConsole(input, output);
        var options = CliArguments.Parse(args);
        if (options.Error is { } error)
        {
            output.WriteLine($"❌ Error: {error}");
            return 1;
        }

        if (options.Has("--help"))
        {
            output.WriteLine(Usage(command));
            return 0;
        }

        List<string> hostArgs = [.. options.Configuration, "--Invoke:StrictPasswordChecking=true", "--Logging:LogLevel:Default=Warning"];
        if (options.Value("--root") is { } root)
        {
            hostArgs.Add($"--Invoke:Root={root}");
        }

        try
        {
            await using var app = InvokeHost.Build([.. hostArgs]);
            await StartupTasks.MigrateAsync(app.Services, CancellationToken.None);
            await StartupTasks.SeedAsync(app.Services, CancellationToken.None);
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUserHolder>().User = AuthenticatedUser.SystemAdministrator;
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            return command switch
            {
                "useradd" => await AddAsync(sender, options, console),
                "userdel" => await DeleteAsync(sender, options, console),
                "usermod" => await ModifyAsync(sender, options, console),
                _ => await ListAsync(sender, options, console),
            };
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            output.WriteLine($"❌ Error: {message}");
            return 1;
        }
    }

    private static async Task<int> AddAsync(ISender sender, CliArguments options, CliConsole console)
    {
        var email = options.Value("--email");
        var password = options.Value("--password");
        var name = options.Value("--name");
        var isAdmin = options.Has("--admin");
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
            password = AskNewPassword(console);
            if (password is null)
            {
                return 1;
            }

            isAdmin = console.Confirm("Make this user an administrator? (y/N): ");
        }

        var user = await sender.Send(new CreateUserCommand(email, name, password, isAdmin));
        console.Out.WriteLine($"✅ User created successfully");
        Describe(console.Out, user);
        return 0;
    }

    private static async Task<int> DeleteAsync(ISender sender, CliArguments options, CliConsole console)
    {
        var email = options.Value("--email") ?? console.Ask("Email address of the user to delete: ")?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            console.Out.WriteLine("❌ Error: an email address is required");
            return 1;
        }

        var user = await sender.Send(new FindUserByEmailQuery(email));
        Describe(console.Out, user);
        if (!options.Has("--force") && !console.Confirm($"Delete user {user.Email}? This cannot be undone. (yes/no): "))
        {
            console.Out.WriteLine("Cancelled: the user was not deleted");
            return 1;
        }

        await sender.Send(new DeleteUserCommand(user.UserId));
        console.Out.WriteLine($"✅ User {user.Email} deleted");
        return 0;
    }

    private static async Task<int> ModifyAsync(ISender sender, CliArguments options, CliConsole console)
    {
        var email = options.Value("--email");
        string? name;
        string? password;
        bool? isAdmin;
        if (email is not null)
        {
            name = options.Value("--name");
            password = options.Value("--password");
            isAdmin = options.Has("--admin") ? true : options.Has("--no-admin") ? false : null;
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

            var current = await sender.Send(new FindUserByEmailQuery(email));
            Describe(console.Out, current);
            name = console.Ask($"New display name (Enter keeps '{current.DisplayName}'): ")?.Trim() is { Length: > 0 } entered ? entered : null;
            password = null;
            if (console.Confirm("Change the password? (y/N): "))
            {
                password = AskNewPassword(console);
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

        var user = await sender.Send(new FindUserByEmailQuery(email));
        var updated = await sender.Send(new UpdateUserCommand(user.UserId, name, password, isAdmin));
        console.Out.WriteLine("✅ User updated successfully");
        Describe(console.Out, updated.User);
        return 0;
    }

    private static async Task<int> ListAsync(ISender sender, CliArguments options, CliConsole console)
    {
        var users = await sender.Send(new ListUsersQuery(IncludeSystemAccount: true));
        if (options.Has("--json"))
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

    /// <summary>A password typed twice that meets the strict policy; null after the user gives up (empty entry).</summary>
    private static string? AskNewPassword(CliConsole console)
    {
        while (true)
        {
            var password = console.AskSecret("Password: ");
            if (string.IsNullOrEmpty(password))
            {
                console.Out.WriteLine("❌ Error: a password is required");
                return null;
            }

            if (PasswordPolicy.Check(password, strict: true) is { } problem)
            {
                console.Out.WriteLine($"❌ {problem}");
                continue;
            }

            if (console.AskSecret("Confirm password: ") != password)
            {
                console.Out.WriteLine("❌ Passwords do not match");
                continue;
            }

            return password;
        }
    }

    private static void Describe(TextWriter output, UserDto user)
    {
        output.WriteLine($"   User ID: {user.UserId}");
        output.WriteLine($"   Email: {user.Email}");
        output.WriteLine($"   Display name: {user.DisplayName ?? "(none)"}");
        output.WriteLine($"   Administrator: {(user.IsAdmin ? "yes" : "no")}");
        output.WriteLine($"   Active: {(user.IsActive ? "yes" : "no")}");
    }

    private static string? Describe(Exception exception) => exception switch
    {
        RequestValidationException validation => string.Join("; ", validation.Errors.Select(e => e.Msg)),
        RequestException request => request.Detail,
        BusinessRuleViolationException rule => rule.BrokenRule.Message,
        _ => null,
    };

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..width];

    private static string Usage(string command) => command switch
    {
        "useradd" => "usage: useradd [--email/-e EMAIL] [--password/-p PASSWORD] [--name/-n NAME] [--admin/-a] [--root/-r ROOT]",
        "userdel" => "usage: userdel [--email/-e EMAIL] [--force/-f] [--root/-r ROOT]",
        "usermod" => "usage: usermod [--email/-e EMAIL] [--name/-n NAME] [--password/-p PASSWORD] [--admin/-a | --no-admin] [--root/-r ROOT]",
        _ => "usage: userlist [--json] [--root/-r ROOT]",
    };
}
