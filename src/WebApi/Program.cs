using Invoke.WebApi.Cli;
using Invoke.WebApi.Hosting;

// The admin subcommands (useradd, userdel, usermod, userlist, …) and --help are the CLI; no subcommand (or "serve") runs the server.
if (AdminCli.Handles(args))
{
    return await AdminCli.RunAsync(args, Console.In, Console.Out);
}

var app = InvokeHost.Build(args.Length > 0 && args[0] == "serve" ? args[1..] : args);
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
