using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace Invoke.Floor;

/// <summary>
/// The library's hot reads with Invoke's answers (same JSON bytes): the list (the UI's parameter sets
/// of contract §4.5 without tag, text or callable filters), one workflow, the counts, the tags, and
/// the version. Each request opens one pooled connection, authenticates on it, then answers.
/// </summary>
internal sealed class LibraryRoutes(FloorDatabase database, TokenCheck tokens)
{
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string Version =
        typeof(LibraryRoutes).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public void Map(WebApplication app)
    {
        app.MapGet("/api/v1/app/version", context => JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("version", Version);
            w.WriteStartArray("highlights");
            w.WriteEndArray();
            w.WriteEndObject();
        }));
        app.MapGet("/api/v1/workflows/", context => AuthenticatedAsync(context, ListAsync));
        app.MapGet("/api/v1/workflows/i/{workflow_id}", context => AuthenticatedAsync(context, GetAsync));
        app.MapGet("/api/v1/workflows/counts_by_category", context => AuthenticatedAsync(context, CountsByCategoryAsync));
        app.MapGet("/api/v1/workflows/counts_by_tag", context => AuthenticatedAsync(context, CountsByTagAsync));
        app.MapGet("/api/v1/workflows/tags", context => AuthenticatedAsync(context, TagsAsync));
    }

    private async Task AuthenticatedAsync(HttpContext context, Func<HttpContext, DbConnection, Caller, Task> answer)
    {
        await using var connection = await database.OpenAsync(context.RequestAborted);
        var (caller, refusal) = await tokens.AuthenticateAsync(context.Request.Headers.Authorization, connection, context.RequestAborted);
        if (caller is null)
        {
            await DetailAsync(context, 401, refusal!);
            return;
        }

        try
        {
            await answer(context, connection, caller);
        }
        catch (UnsupportedException e)
        {
            await DetailAsync(context, 400, e.Message);
        }
    }

    // ---- GET /api/v1/workflows/ -------------------------------------------------------------------

    private async Task ListAsync(HttpContext context, DbConnection connection, Caller caller)
    {
        var q = context.Request.Query;
        Refuse(q, "tags", "query", "callable");
        var filter = Filter.Read(q);
        var orderColumn = (Single(q, "order_by") ?? "name") switch
        {
            "created_at" => "created_at",
            "updated_at" => "updated_at",
            "opened_at" => "opened_order",
            "name" => "name",
            "is_public" => "is_public",
            var other => throw new UnsupportedException($"order_by={other}"),
        };
        var direction = (Single(q, "direction") ?? "ASC") switch
        {
            "ASC" => "ASC",
            "DESC" => "DESC",
            var other => throw new UnsupportedException($"direction={other}"),
        };
        var page = Int(q, "page") ?? 0;
        int? perPage = Int(q, "per_page") is > 0 and var size ? size : null;
        if (page < 0)
        {
            throw new UnsupportedException("page < 0");
        }

        var (where, parameters) = filter.Where(caller);
        var total = await TotalAsync(connection, caller, filter, where, parameters, context.RequestAborted);
        var offset = (long)page * (perPage ?? 0);
        var rows = new List<ListRow>(perPage ?? 32);
        if (offset < total)
        {
            var sql = new StringBuilder(
                "SELECT workflow_id, name, created_at, updated_at, opened_at, user_id, is_public, description, category, tags, has_thumbnail, workflow_return_nodes FROM workflow_library WHERE ")
                .Append(where).Append(" ORDER BY ").Append(orderColumn).Append(' ').Append(direction)
                .Append(", workflow_id ").Append(direction);
            if (perPage is { } limit)
            {
                sql.Append(CultureInfo.InvariantCulture, $" LIMIT {limit} OFFSET {offset}");
            }

            await using var command = FloorDatabase.Command(connection, sql.ToString(), parameters);
            await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
            while (await reader.ReadAsync(context.RequestAborted))
            {
                rows.Add(new ListRow(
                    reader.GetString(0), reader.GetString(1), reader.GetDateTime(2), reader.GetDateTime(3),
                    reader.IsDBNull(4) ? null : reader.GetDateTime(4), reader.GetString(5), reader.GetBoolean(6),
                    reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetBoolean(10), reader.GetInt32(11)));
            }
        }

        await JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("page", page);
            w.WriteNumber("pages", perPage is { } size ? (total == 0 ? 0 : ((total - 1) / size) + 1) : 1);
            w.WriteNumber("per_page", perPage ?? total);
            w.WriteNumber("total", total);
            w.WriteStartArray("items");
            foreach (var row in rows)
            {
                w.WriteStartObject();
                w.WriteString("workflow_id", row.WorkflowId);
                w.WriteString("name", row.Name);
                Timestamp(w, "created_at", row.CreatedAt);
                Timestamp(w, "updated_at", row.UpdatedAt);
                Timestamp(w, "opened_at", row.OpenedAt);
                w.WriteString("user_id", row.UserId);
                w.WriteBoolean("is_public", row.IsPublic);
                w.WriteString("description", row.Description);
                w.WriteString("category", row.Category);
                w.WriteString("tags", row.Tags);
                Thumbnail(w, row.WorkflowId, row.HasThumbnail);
                Compatibility(w, row.WorkflowReturnNodes);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// The number of rows in the view: counted when the view is the caller's own library, summed
    /// from the maintained counts table otherwise (shared views, administrators).
    /// </summary>
    private static async Task<int> TotalAsync(
        DbConnection connection, Caller caller, Filter filter, string where, (string, object)[] parameters, CancellationToken cancellationToken)
    {
        string sql;
        if (filter.IsScopedFor(caller))
        {
            sql = "SELECT COUNT(*) FROM workflow_library WHERE " + where;
        }
        else
        {
            var categories = filter.Categories is { Count: > 0 } requested ? requested : ["user", "default"];
            sql = "SELECT COALESCE(SUM(workflow_count), 0) FROM workflow_library_counts WHERE category IN ('"
                + string.Join("', '", categories) + "')"
                + (filter.IsPublic is null ? string.Empty : " AND is_public = @pub")
                + (filter.HasBeenOpened is null ? string.Empty : " AND is_opened = @opened");
        }

        await using var command = FloorDatabase.Command(connection, sql, parameters);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    // ---- GET /api/v1/workflows/i/{id} -------------------------------------------------------------

    private async Task GetAsync(HttpContext context, DbConnection connection, Caller caller)
    {
        var id = (string)context.Request.RouteValues["workflow_id"]!;
        await using var command = FloorDatabase.Command(
            connection,
            """
            SELECT w.workflow_id, w.name, w.created_at, w.updated_at, w.opened_at, w.user_id, w.is_public, d.workflow,
                   w.has_thumbnail, w.workflow_return_nodes, w.category, w.version
            FROM workflow_library w JOIN workflow_documents d ON d.id = w.id WHERE w.workflow_id = @id
            """,
            ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
        if (!await reader.ReadAsync(context.RequestAborted))
        {
            await DetailAsync(context, 404, "Workflow not found");
            return;
        }

        var owner = reader.GetString(5);
        var isPublic = reader.GetBoolean(6);
        if (!caller.IsAdmin && owner != caller.UserId && !isPublic && reader.GetString(10) != "default")
        {
            await DetailAsync(context, 403, "Not authorized to access this workflow");
            return;
        }

        var workflowId = reader.GetString(0);
        context.Response.Headers.ETag = "\"" + reader.GetInt32(11).ToString(CultureInfo.InvariantCulture) + "\"";
        var name = reader.GetString(1);
        var created = reader.GetDateTime(2);
        var updated = reader.GetDateTime(3);
        DateTime? opened = reader.IsDBNull(4) ? null : reader.GetDateTime(4);
        var document = reader.GetString(7);
        var hasThumbnail = reader.GetBoolean(8);
        var returnNodes = reader.GetInt32(9);
        await JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("workflow_id", workflowId);
            w.WriteString("name", name);
            Timestamp(w, "created_at", created);
            Timestamp(w, "updated_at", updated);
            Timestamp(w, "opened_at", opened);
            w.WriteString("user_id", owner);
            w.WriteBoolean("is_public", isPublic);
            w.WritePropertyName("workflow");
            w.WriteRawValue(document, skipInputValidation: true);
            Thumbnail(w, workflowId, hasThumbnail);
            Compatibility(w, returnNodes);
            w.WriteEndObject();
        });
    }

    // ---- counts and tags --------------------------------------------------------------------------

    private async Task CountsByCategoryAsync(HttpContext context, DbConnection connection, Caller caller)
    {
        var q = context.Request.Query;
        var requested = Filter.Read(q);
        if (requested.Categories is null)
        {
            throw new UnsupportedException("categories is required");
        }

        var counts = new List<(string Category, int Count)>();
        foreach (var category in requested.Categories.Distinct(StringComparer.Ordinal))
        {
            var filter = requested with { Categories = [category] };
            var (where, parameters) = filter.Where(caller);
            counts.Add((category, await TotalAsync(connection, caller, filter, where, parameters, context.RequestAborted)));
        }

        await JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            foreach (var (category, count) in counts)
            {
                w.WriteNumber(category, count);
            }

            w.WriteEndObject();
        });
    }

    private async Task CountsByTagAsync(HttpContext context, DbConnection connection, Caller caller)
    {
        var q = context.Request.Query;
        var tags = q["tags"];
        if (tags.Count == 0)
        {
            throw new UnsupportedException("tags is required");
        }

        var (where, parameters) = Filter.Read(q).Where(caller);
        var sums = new StringBuilder();
        var all = parameters.ToList();
        var distinct = tags.Select(t => t!).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < distinct.Count; i++)
        {
            sums.Append(i == 0 ? string.Empty : ", ")
                .Append("COALESCE(SUM(CASE WHEN ").Append(database.Contains("tag_search_text", "@tag" + i.ToString(CultureInfo.InvariantCulture)))
                .Append(" THEN 1 ELSE 0 END), 0)");
            all.Add(("@tag" + i.ToString(CultureInfo.InvariantCulture), distinct[i].Trim().Replace('\u001f', ' ').ToLowerInvariant()));
        }

        var counts = new long[distinct.Count];
        await using (var command = FloorDatabase.Command(connection, $"SELECT {sums} FROM workflow_library WHERE {where}", [.. all]))
        await using (var reader = await command.ExecuteReaderAsync(context.RequestAborted))
        {
            await reader.ReadAsync(context.RequestAborted);
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] = distinct[i].Contains('\0', StringComparison.Ordinal) ? 0 : reader.GetInt64(i);
            }
        }

        await JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            for (var i = 0; i < counts.Length; i++)
            {
                w.WriteNumber(distinct[i], counts[i]);
            }

            w.WriteEndObject();
        });
    }

    private async Task TagsAsync(HttpContext context, DbConnection connection, Caller caller)
    {
        var q = context.Request.Query;
        Refuse(q, "has_been_opened");
        var (where, parameters) = Filter.Read(q).Where(caller);
        var tags = new SortedSet<string>(StringComparer.Ordinal);
        await using (var command = FloorDatabase.Command(connection, $"SELECT DISTINCT tags FROM workflow_library WHERE {where} AND tags <> ''", parameters))
        await using (var reader = await command.ExecuteReaderAsync(context.RequestAborted))
        {
            while (await reader.ReadAsync(context.RequestAborted))
            {
                foreach (var tag in reader.GetString(0).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    tags.Add(tag);
                }
            }
        }

        await JsonAsync(context, 200, w =>
        {
            w.WriteStartArray();
            foreach (var tag in tags)
            {
                w.WriteStringValue(tag);
            }

            w.WriteEndArray();
        });
    }

    // ---- writing ----------------------------------------------------------------------------------

    private static void Timestamp(Utf8JsonWriter w, string name, DateTime? time)
    {
        if (time is not { } value)
        {
            w.WriteNull(name);
            return;
        }

        Span<char> text = stackalloc char[23];
        value.TryFormat(text, out var written, "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        w.WriteString(name, text[..written]);
    }

    private static void Thumbnail(Utf8JsonWriter w, string workflowId, bool hasThumbnail)
    {
        if (hasThumbnail)
        {
            w.WriteString("thumbnail_url", $"api/v1/workflows/i/{workflowId}/thumbnail?{Guid.NewGuid()}");
        }
        else
        {
            w.WriteNull("thumbnail_url");
        }
    }

    private static void Compatibility(Utf8JsonWriter w, int workflowReturnNodes)
    {
        w.WriteStartObject("call_saved_workflow_compatibility");
        w.WriteBoolean("is_callable", workflowReturnNodes == 1);
        switch (workflowReturnNodes)
        {
            case 1:
                w.WriteString("reason", "ok");
                w.WriteNull("message");
                break;
            case 0:
                w.WriteString("reason", "missing_workflow_return");
                w.WriteString("message", "The workflow must contain exactly one workflow_return node.");
                break;
            default:
                w.WriteString("reason", "multiple_workflow_return");
                w.WriteString("message", "The workflow must not contain more than one workflow_return node.");
                break;
        }

        w.WriteEndObject();
    }

    private static Task DetailAsync(HttpContext context, int status, string detail) => JsonAsync(context, status, w =>
    {
        w.WriteStartObject();
        w.WriteString("detail", detail);
        w.WriteEndObject();
    });

    /// <summary>The answer with the headers Invoke sends on every API answer.</summary>
    private static async Task JsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "SAMEORIGIN";
        headers.ContentSecurityPolicy = "frame-ancestors 'self'";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, Writer))
        {
            write(writer);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    // ---- query strings ----------------------------------------------------------------------------

    internal static string? Single(IQueryCollection q, string name) => q.TryGetValue(name, out var values) ? values.ToString() : null;

    internal static int? Int(IQueryCollection q, string name) =>
        Single(q, name) is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new UnsupportedException($"{name}={text}")
            : null;

    internal static bool? Bool(IQueryCollection q, string name) => Single(q, name) switch
    {
        null => null,
        "true" or "1" => true,
        "false" or "0" => false,
        var other => throw new UnsupportedException($"{name}={other}"),
    };

    private static void Refuse(IQueryCollection q, params string[] names)
    {
        foreach (var name in names)
        {
            if (q.ContainsKey(name))
            {
                throw new UnsupportedException($"the floor does not implement '{name}'");
            }
        }
    }

    private sealed record ListRow(
        string WorkflowId, string Name, DateTime CreatedAt, DateTime UpdatedAt, DateTime? OpenedAt, string UserId, bool IsPublic,
        string Description, string Category, string Tags, bool HasThumbnail, int WorkflowReturnNodes);
}

/// <summary>A request outside what the floor implements (answered 400; the load run never sends one).</summary>
internal sealed class UnsupportedException(string message) : Exception("Not supported by the floor: " + message);

/// <summary>The library filter and Invoke's scoping rule (contract §4.3), written out as SQL.</summary>
internal sealed record Filter(IReadOnlyList<string>? Categories, bool? HasBeenOpened, bool? IsPublic)
{
    public static Filter Read(IQueryCollection q)
    {
        List<string>? categories = null;
        if (q.TryGetValue("categories", out StringValues values))
        {
            categories = [];
            foreach (var value in values)
            {
                categories.Add(value is "user" or "default" ? value : throw new UnsupportedException($"categories={value}"));
            }
        }

        return new Filter(categories, LibraryRoutes.Bool(q, "has_been_opened"), LibraryRoutes.Bool(q, "is_public"));
    }

    /// <summary>A regular user sees their own workflows and the defaults unless they ask for shared ones or for defaults only.</summary>
    public bool IsScopedFor(Caller caller) =>
        !caller.IsAdmin && IsPublic != true && !(Categories is { Count: > 0 } c && c.All(x => x != "user"));

    public (string Where, (string, object)[] Parameters) Where(Caller caller)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object)>();
        var categories = Categories;
        if (IsScopedFor(caller))
        {
            parameters.Add(("@u", caller.UserId));
            if (categories is { Count: > 0 } && !categories.Contains("default"))
            {
                conditions.Add("user_id = @u");
            }
            else
            {
                conditions.Add("((user_id = @u AND category = 'user') OR category = 'default')");
                if (categories is not null && categories.Contains("default"))
                {
                    categories = null;
                }
            }
        }

        if (categories is { Count: > 0 })
        {
            var distinct = categories.Distinct(StringComparer.Ordinal).ToList();
            conditions.Add(distinct.Count == 1 ? $"category = '{distinct[0]}'" : "(category = 'user' OR category = 'default')");
        }

        if (HasBeenOpened is { } opened)
        {
            conditions.Add(opened ? "opened_at IS NOT NULL" : "opened_at IS NULL");
            parameters.Add(("@opened", opened));
        }

        if (IsPublic is { } isPublic)
        {
            conditions.Add("is_public = @pub");
            parameters.Add(("@pub", isPublic));
        }

        return (conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions), [.. parameters]);
    }
}
