using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Invoke.Benchmarks.Dataset;

namespace Invoke.Benchmarks.Load;

/// <summary>
/// Before the HTTP load run: logs in a spread of generated users through <c>POST /api/v1/auth/login</c>
/// (bcrypt at the server's cost, so a few at a time), collects some of each one's workflow ids and
/// some shared ids, and writes them as a Lua table for <c>bench/load/*.lua</c>.
/// </summary>
internal static class LoadPreparation
{
    public static async Task RunAsync(Uri server, int logins, DatasetOptions dataset, string output)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        var step = Math.Max(1, dataset.Users / logins);
        var indexes = Enumerable.Range(0, Math.Min(logins, dataset.Users)).Select(i => i * step).ToList();
        var sessions = new (string Token, List<string> Own)[indexes.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, indexes.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, cancellationToken) =>
            {
                var token = await LoginAsync(http, DatasetOptions.UserEmail(indexes[i]), cancellationToken);
                var own = await IdsAsync(http, token, "categories=user&order_by=opened_at&direction=DESC&page=0&per_page=30", cancellationToken);
                sessions[i] = (token, own);
            });

        var shared = await IdsAsync(
            http, sessions[0].Token, "categories=user&is_public=true&order_by=name&direction=ASC&page=0&per_page=100", CancellationToken.None);
        var usable = sessions.Where(s => s.Own.Count > 0).ToList();

        var lua = new StringBuilder();
        lua.AppendLine("-- Written by Invoke.Benchmarks load-prep; read by bench/load/*.lua.");
        lua.AppendLine("return {");
        lua.AppendLine("  users = {");
        foreach (var (token, own) in usable)
        {
            lua.Append(CultureInfo.InvariantCulture, $"    {{ token = \"{token}\", own = {{ ");
            lua.AppendJoin(", ", own.Select(id => $"\"{id}\""));
            lua.AppendLine(" } },");
        }

        lua.AppendLine("  },");
        lua.Append("  shared = { ").AppendJoin(", ", shared.Select(id => $"\"{id}\"")).AppendLine(" },");
        lua.Append("  tags = { ").AppendJoin(", ", Vocabulary.Tags.Select(t => $"\"{Uri.EscapeDataString(t)}\"")).AppendLine(" },");
        lua.Append("  search = \"").Append(Vocabulary.CommonSearchTerm).AppendLine("\",");
        var document = JsonSerializer.Serialize(JsonDocument.Parse(DocumentFactory.ReadTemplate("medium")).RootElement);
        lua.Append("  document = [==[").Append(document).AppendLine("]==],");
        lua.AppendLine("}");
        await File.WriteAllTextAsync(output, lua.ToString());
        Console.WriteLine($"  {usable.Count} users logged in, {shared.Count} shared ids; wrote {output}");
    }

    private static async Task<string> LoginAsync(HttpClient http, string email, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            "/api/v1/auth/login", new { email, password = DatasetOptions.Password }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("token").GetString()!;
    }

    private static async Task<List<string>> IdsAsync(HttpClient http, string token, string query, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/workflows/?" + query);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("workflow_id").GetString()!).ToList();
    }
}
