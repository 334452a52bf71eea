using System.Text;

namespace Invoke.WebApi.Cli;

/// <summary>Prompts for the interactive mode of the admin commands; passwords are read without echo on a terminal.</summary>
internal sealed class CliConsole(TextReader input, TextWriter output)
{
    public TextWriter Out => output;

    public string? Ask(string prompt)
    {
        output.Write(prompt);
        output.Flush();
        return input.ReadLine();
    }

    public string? AskSecret(string prompt)
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            return Ask(prompt);
        }

        output.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                output.WriteLine();
                return secret.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
    }

    public bool Confirm(string prompt)
    {
        var answer = Ask(prompt)?.Trim();
        return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase);
    }
}
