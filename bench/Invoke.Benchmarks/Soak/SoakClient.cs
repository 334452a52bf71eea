using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Invoke.Benchmarks.Soak;

/// <summary>A logged-in user of the soak run: the token, and the workflows it owns (live ones, and the hot set).</summary>
internal sealed class SoakUser(string email, string userId, string token)
{
    public string Email { get; } = email;

    public string UserId { get; } = userId;

    public string Token { get; } = token;

    /// <summary>Workflows created by this user and not (acknowledged as) deleted; the first few are the hot set, never deleted.</summary>
    public List<string> Workflows { get; } = [];

    public int HotSetSize { get; set; }
}

/// <summary>Counts of responses by status, and the responses that break the rules for errors.</summary>
internal sealed class ResponseLog
{
    private readonly ConcurrentDictionary<string, int> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly List<double> _latencies = [];

    public IReadOnlyDictionary<string, int> Statuses => _statuses;

    public IReadOnlyList<string> Violations => [.. _violations];

    public int Total => _statuses.Values.Sum();

    public void Violation(string violation) => _violations.Enqueue(violation);

    /// <summary>Counts the response; a 5xx other than 503/507, or a 503/507 without a detail (and a 503 without Retry-After), is a violation.</summary>
    public async Task RecordAsync(string operation, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        _statuses.AddOrUpdate(status.ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
        if (status < 500)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync();
        if (status is not (503 or 507))
        {
            _violations.Enqueue($"{operation}: {status} {Truncate(body)}");
            return;
        }

        if (!HasDetail(body))
        {
            _violations.Enqueue($"{operation}: {status} without a detail: {Truncate(body)}");
        }

        if (status == 503 && response.Headers.RetryAfter is null)
        {
            _violations.Enqueue($"{operation}: 503 without Retry-After");
        }
    }

    /// <summary>No response at all (the client's timeout, a reset connection): counted, and a violation — a request must be answered.</summary>
    public void RecordFailure(string operation, Exception exception)
    {
        var kind = exception is TaskCanceledException ? "no answer within the client timeout" : exception.GetType().Name;
        _statuses.AddOrUpdate(kind, 1, (_, n) => n + 1);
        _violations.Enqueue($"{operation}: {kind}: {exception.Message}");
    }

    /// <summary>How long one request took to be answered (headers received).</summary>
    public void RecordLatency(TimeSpan elapsed)
    {
        lock (_latencies)
        {
            _latencies.Add(elapsed.TotalMilliseconds);
        }
    }

    /// <summary>Median, 99th percentile and slowest answer, in milliseconds.</summary>
    public (double Median, double P99, double Max) Latencies()
    {
        lock (_latencies)
        {
            if (_latencies.Count == 0)
            {
                return (0, 0, 0);
            }

            var sorted = _latencies.Order().ToList();
            return (sorted[sorted.Count / 2], sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * 0.99))], sorted[^1]);
        }
    }

    private static bool HasDetail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(detail.GetString());
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>
/// One of the concurrent clients: a user on one node, doing a realistic mix against its own
/// workflows (part of the time the user's small hot set, which every client of the user shares)
/// and reading other users' shared ones. Every change to a workflow goes to the <see cref="AckLog"/>.
/// </summary>
internal sealed class SoakClient(int index, SoakUser user, Uri node, IReadOnlyList<SoakUser> everyone, AckLog acks, ResponseLog responses)
{
    private const string Collection = "/api/v1/workflows/";

    /// <summary>A 2×2 RGB PNG, as the UI uploads a thumbnail.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4zwAE/xkgFAAb8gP91pbyKwAAAABJRU5ErkJggg==");

    public static readonly string[] Tags = ["portrait", "landscape", "upscale", "inpaint", "video", "sketch"];

    private static int _names;

    private readonly Random _random = new(index * 7919 + 17);

    public static HttpClient ClientFor(Uri node, string token, ResponseLog? timings = null)
    {
        var client = timings is null
            ? new HttpClient()
            : new HttpClient(new TimingHandler(timings) { InnerHandler = new SocketsHttpHandler() }, disposeHandler: true);
        client.BaseAddress = node;
        client.Timeout = TimeSpan.FromSeconds(30);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A document with a name no other write uses, and tags from a small vocabulary.</summary>
    public static JsonObject Document(string name, string tags, string? id = null)
    {
        var document = new JsonObject
        {
            ["name"] = name,
            ["author"] = "Soak",
            ["description"] = "Written by the soak run",
            ["version"] = "1.0.0",
            ["contact"] = "soak@example.com",
            ["tags"] = tags,
            ["notes"] = "",
            ["exposedFields"] = new JsonArray(),
            ["meta"] = new JsonObject { ["version"] = "3.0.0", ["category"] = "user" },
            ["nodes"] = new JsonArray(Node("noise-1", "noise"), Node("denoise-1", "denoise_latents")),
            ["edges"] = new JsonArray(),
            ["form"] = null,
        };
        if (id is not null)
        {
            document["id"] = id;
        }

        return new JsonObject { ["workflow"] = document };
    }

    public static string UniqueName(string prefix) => $"{prefix} {Interlocked.Increment(ref _names):D6}";

    /// <summary>Creates a workflow through <paramref name="client"/>, logs it, and returns its id (null when it was not acknowledged).</summary>
    public static async Task<string?> CreateAsync(HttpClient client, AckLog acks, ResponseLog responses, string tags)
    {
        var name = UniqueName("soak");
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.PostAsJsonAsync(Collection, Document(name, tags));
            await responses.RecordAsync("create", response);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var record = await response.Content.ReadFromJsonAsync<JsonElement>();
            var id = record.GetProperty("workflow_id").GetString()!;
            acks.Add(new LoggedChange(Change.Create, id, sent, Stopwatch.GetTimestamp(), Outcome.Acked, Name: name));
            return id;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // A create whose answer was lost leaves a workflow the log does not know: nothing to check against.
            responses.RecordFailure("create", e);
            return null;
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        using var client = ClientFor(node, user.Token, responses);
        while (!stop.IsCancellationRequested)
        {
            var roll = _random.Next(100);
            var target = PickOwn();
            switch (roll)
            {
                case < 8:
                    if (await CreateAsync(client, acks, responses, RandomTags()) is { } id)
                    {
                        lock (user.Workflows)
                        {
                            user.Workflows.Add(id);
                        }
                    }

                    break;
                case < 22:
                    await UpdateAsync(client, target, ifMatch: false);
                    break;
                case < 32:
                    await UpdateAsync(client, target, ifMatch: true);
                    break;
                case < 46:
                    var share = _random.Next(2) == 0;
                    await ChangeAsync(client, Change.Share, target, HttpMethod.Patch, $"{Collection}i/{target}/is_public",
                        JsonContent.Create(new { is_public = share }), share);
                    break;
                case < 58:
                    await ReadAsync(client, target, "open");
                    await ChangeAsync(client, Change.Open, target, HttpMethod.Put, $"{Collection}i/{target}/opened_at", null);
                    break;
                case < 64:
                    await ChangeAsync(client, Change.SetThumbnail, target, HttpMethod.Put, $"{Collection}i/{target}/thumbnail", ThumbnailForm());
                    break;
                case < 67:
                    await ChangeAsync(client, Change.DeleteThumbnail, target, HttpMethod.Delete, $"{Collection}i/{target}/thumbnail", null);
                    break;
                case < 72:
                    await DeleteAsync(client);
                    break;
                case < 84:
                    await SendAsync(client, "list", HttpMethod.Get, ListQuery());
                    break;
                case < 92:
                    await SendAsync(client, "counts", HttpMethod.Get, _random.Next(2) == 0
                        ? $"{Collection}counts_by_category?categories=user&categories=default{OpenedFilter()}"
                        : $"{Collection}counts_by_tag?tags={Tags[_random.Next(Tags.Length)]}&tags={Tags[_random.Next(Tags.Length)]}&categories=user{OpenedFilter()}");
                    break;
                default:
                    var other = everyone[_random.Next(everyone.Count)];
                    var theirs = Pick(other, hot: _random.Next(2) == 0);
                    if (theirs is not null)
                    {
                        await SendAsync(client, "read another user's workflow", HttpMethod.Get, $"{Collection}i/{theirs}");
                    }

                    break;
            }
        }
    }

    private string PickOwn() => Pick(user, hot: _random.Next(100) < 40)!;

    private string? Pick(SoakUser owner, bool hot)
    {
        lock (owner.Workflows)
        {
            if (owner.Workflows.Count == 0)
            {
                return null;
            }

            var range = hot ? Math.Min(owner.HotSetSize, owner.Workflows.Count) : owner.Workflows.Count;
            return owner.Workflows[_random.Next(range)];
        }
    }

    private string RandomTags() =>
        string.Join(", ", Enumerable.Range(0, _random.Next(3)).Select(_ => Tags[_random.Next(Tags.Length)]).Distinct());

    private string OpenedFilter() => _random.Next(3) switch
    {
        0 => "",
        1 => "&has_been_opened=true",
        _ => "&is_public=true",
    };

    private string ListQuery()
    {
        var orderBy = new[] { "name", "opened_at", "updated_at", "created_at", "is_public" }[_random.Next(5)];
        var filter = _random.Next(4) switch
        {
            0 => "",
            1 => "&is_public=true",
            2 => "&has_been_opened=true",
            _ => $"&tags={Tags[_random.Next(Tags.Length)]}",
        };
        return $"{Collection}?categories=user&page={_random.Next(3)}&per_page=10&order_by={orderBy}&direction={(_random.Next(2) == 0 ? "ASC" : "DESC")}{filter}";
    }

    private static MultipartFormDataContent ThumbnailForm()
    {
        var image = new ByteArrayContent(Png);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { image, "image", "thumbnail.png" } };
    }

    /// <summary>GET with the state and version it reports; returns the ETag (null when not answered 200).</summary>
    private async Task<string?> ReadAsync(HttpClient client, string id, string why)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.GetAsync(new Uri($"{Collection}i/{id}", UriKind.Relative));
            await responses.RecordAsync($"read ({why})", response);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var record = await response.Content.ReadFromJsonAsync<JsonElement>();
            var etag = response.Headers.ETag?.Tag;
            acks.Add(new LoggedChange(Change.Read, id, sent, Stopwatch.GetTimestamp(), Outcome.Acked,
                Version: VersionOf(etag), ReportedName: record.GetProperty("name").GetString(), ReportedIsPublic: record.GetProperty("is_public").GetBoolean()));
            return etag;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            responses.RecordFailure($"read ({why})", e);
            return null;
        }
    }

    /// <summary>A full-document PATCH, without a precondition (as InvokeAI's UI sends it) or with the ETag of a fresh read.</summary>
    private async Task UpdateAsync(HttpClient client, string id, bool ifMatch)
    {
        string? etag = null;
        if (ifMatch)
        {
            etag = await ReadAsync(client, id, "before a conditional update");
            if (etag is null)
            {
                return;
            }
        }

        var name = UniqueName("soak");
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri($"{Collection}i/{id}", UriKind.Relative))
        {
            Content = JsonContent.Create(Document(name, RandomTags(), id)),
        };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        var operation = ifMatch ? "update (If-Match)" : "update";
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request);
            await responses.RecordAsync(operation, response);
            var outcome = OutcomeOf(response.StatusCode);
            if (outcome == Outcome.Acked)
            {
                var record = await response.Content.ReadFromJsonAsync<JsonElement>();
                var reported = record.GetProperty("name").GetString();
                if (reported != name)
                {
                    responses.Violation($"{operation} of {id}: answered 200 with name '{reported}' instead of '{name}'");
                }

                acks.Add(new LoggedChange(Change.Update, id, sent, Stopwatch.GetTimestamp(), outcome, Name: name,
                    Version: VersionOf(response.Headers.ETag?.Tag), ReportedName: reported, ReportedIsPublic: record.GetProperty("is_public").GetBoolean()));
            }
            else
            {
                acks.Add(new LoggedChange(Change.Update, id, sent, Stopwatch.GetTimestamp(), outcome, Name: name));
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            responses.RecordFailure(operation, e);
            acks.Add(new LoggedChange(Change.Update, id, sent, Stopwatch.GetTimestamp(), Outcome.Unknown, Name: name));
        }
    }

    private async Task DeleteAsync(HttpClient client)
    {
        string? id;
        lock (user.Workflows)
        {
            // Never one of the hot set: those stay for the others to contend on.
            if (user.Workflows.Count <= user.HotSetSize)
            {
                return;
            }

            id = user.Workflows[user.HotSetSize + _random.Next(user.Workflows.Count - user.HotSetSize)];
        }

        if (await ChangeAsync(client, Change.Delete, id, HttpMethod.Delete, $"{Collection}i/{id}", null) == Outcome.Acked)
        {
            lock (user.Workflows)
            {
                user.Workflows.Remove(id);
            }
        }
    }

    /// <summary>Sends a change of one workflow and logs it with its outcome.</summary>
    private async Task<Outcome> ChangeAsync(
        HttpClient client, Change kind, string id, HttpMethod method, string path, HttpContent? content, bool? isPublic = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        var operation = kind.ToString();
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request);
            await responses.RecordAsync(operation, response);
            var outcome = OutcomeOf(response.StatusCode);
            acks.Add(new LoggedChange(kind, id, sent, Stopwatch.GetTimestamp(), outcome, IsPublic: isPublic));
            if (kind == Change.Share && outcome == Outcome.Acked)
            {
                var record = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (record.GetProperty("is_public").GetBoolean() != isPublic)
                {
                    responses.Violation($"share of {id}: answered 200 with is_public {record.GetProperty("is_public")} instead of {isPublic}");
                }
            }

            return outcome;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            responses.RecordFailure(operation, e);
            acks.Add(new LoggedChange(kind, id, sent, Stopwatch.GetTimestamp(), Outcome.Unknown, IsPublic: isPublic));
            return Outcome.Unknown;
        }
    }

    private async Task SendAsync(HttpClient client, string operation, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        try
        {
            using var response = await client.SendAsync(request);
            await responses.RecordAsync(operation, response);
            await response.Content.LoadIntoBufferAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            responses.RecordFailure(operation, e);
        }
    }

    private static Outcome OutcomeOf(HttpStatusCode status) => (int)status switch
    {
        < 300 => Outcome.Acked,
        < 500 => Outcome.Refused,
        _ => Outcome.Unknown,
    };

    public static int? VersionOf(string? etag) =>
        etag is { Length: > 2 } && int.TryParse(etag.AsSpan(1, etag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;

    private static JsonObject Node(string id, string type) => new()
    {
        ["id"] = id,
        ["type"] = "invocation",
        ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 },
        ["data"] = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = "1.0.0", ["inputs"] = new JsonObject() },
    };
}

/// <summary>Times every request of a client into the <see cref="ResponseLog"/>.</summary>
internal sealed class TimingHandler(ResponseLog timings) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            timings.RecordLatency(Stopwatch.GetElapsedTime(started));
        }
    }
}
