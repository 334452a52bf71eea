using Invoke.WebApi.Cli;
using Invoke.WebApi.Hosting;

// "useradd", "userdel", "usermod", "userlist" and "verify" are the admin CLI; no subcommand (or "serve") runs the server.
if (args.Length > 0 && AdminCli.Commands.Contains(args[0]))
{
    return await AdminCli.RunAsync(args[0], args[1..], Console.In, Console.Out);
}

var app = InvokeHost.Build(args.Length > 0 && args[0] == "serve" ? args[1..] : args);
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
