using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Invoke.WebApi.IntegrationTests.Testing;

/// <summary>A row of the <c>users</c> table.</summary>
public sealed record StoredUser(string Email, string? DisplayName, bool IsAdmin, bool IsActive, int TokenEpoch);

/// <summary>What one run of the admin CLI printed and how it exited.</summary>
public sealed record CliResult(int ExitCode, string Output);

/// <summary>
/// Runs the real executable — <c>dotnet Invoke.WebApi.dll useradd|userdel|usermod|userlist …</c> —
/// against a root directory, with the given standard input. The child process sees the server's
/// strict password checking switched off, as a default installation has it.
/// </summary>
public static class AdminCommandLine
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static Task<CliResult> RunAsync(string root, string? input, params string[] args) =>
        RunWithArgumentsAsync(input, [.. args, "--root", root]);

    /// <summary>Runs the CLI with exactly these arguments (no <c>--root</c> added).</summary>
    public static async Task<CliResult> RunWithArgumentsAsync(string? input, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("INVOKEAI_ROOT");
        start.Environment["Invoke__StrictPasswordChecking"] = "false";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? string.Empty);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The admin CLI did not finish within {Timeout}: {string.Join(' ', args)}");
        }

        return new CliResult(process.ExitCode, await output + await errors);
    }

    /// <summary>The <c>users</c> rows of the root's SQLite database, read directly (quicker than another CLI run).</summary>
    public static async Task<IReadOnlyList<StoredUser>> UsersAsync(string root)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(root, "databases", "invoke.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT email, display_name, is_admin, is_active, token_epoch FROM users";
        await using var reader = await command.ExecuteReaderAsync();
        var users = new List<StoredUser>();
        while (await reader.ReadAsync())
        {
            users.Add(new StoredUser(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetInt32(4)));
        }

        return users;
    }

    /// <summary>A new, empty root directory.</summary>
    public static string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "invoke-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    }

    public static void DeleteRoot(string root)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }
}
