using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Import;

/// <summary>
/// After <c>import-invokeai</c>, InvokeAI's users find over HTTP what InvokeAI showed them: they log
/// in with their passwords, their libraries and counts are InvokeAI's, thumbnails are served,
/// InvokeAI's tokens work, and documents are byte for byte what InvokeAI stored.
/// </summary>
public abstract class ImportedInstallationTests(ImportedInstallation installation)
{
    [Fact]
    public async Task Login_OfEveryInvokeAiUser_WorksWithTheirInvokeAiPassword()
    {
        var imported = await installation.ReadyAsync();

        foreach (var user in imported.Fixture.Users)
        {
            using var response = await imported.Server.PostLoginAsync(user.GetProperty("email").GetString()!, user.GetProperty("password").GetString()!);
            var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
            body.GetProperty("user").GetProperty("user_id").GetString().Should().Be(user.GetProperty("user_id").GetString());
            body.GetProperty("user").GetProperty("is_admin").GetBoolean().Should().Be(user.GetProperty("is_admin").GetBoolean());
            body.GetProperty("user").GetProperty("display_name").GetString().Should().Be(user.GetProperty("display_name").GetString());
        }
    }

    [Fact]
    public async Task YourWorkflows_OfEveryUser_AreWhatInvokeAiListed()
    {
        var imported = await installation.ReadyAsync();

        foreach (var user in imported.Fixture.Users)
        {
            var listing = imported.Fixture.Listing(user.GetProperty("ref").GetString()!);
            using var client = await LogInAsync(imported, user);

            var page = await GetJsonAsync(client, "/api/v1/workflows/?categories=user&per_page=1000");

            page.GetProperty("total").GetInt32().Should().Be(listing.GetProperty("yours_total").GetInt32());
            if (listing.TryGetProperty("yours_ids", out var ids))
            {
                Ids(page).Should().BeEquivalentTo(ids.EnumerateArray().Select(i => i.GetString()));
            }
        }
    }

    [Fact]
    public async Task SharedWorkflows_ForEveryUser_AreInvokeAisSharedWorkflowsInNameOrder()
    {
        var imported = await installation.ReadyAsync();
        var expected = imported.Fixture.Expected.GetProperty("shared_ids").EnumerateArray().Select(i => i.GetString()).ToList();

        foreach (var user in imported.Fixture.Users)
        {
            using var client = await LogInAsync(imported, user);

            var page = await GetJsonAsync(client, "/api/v1/workflows/?categories=user&is_public=true&order_by=name&direction=ASC&per_page=1000");

            Ids(page).Should().Equal(expected);
        }
    }

    [Fact]
    public async Task CountsByCategory_OfEveryUser_AreInvokeAis()
    {
        var imported = await installation.ReadyAsync();

        foreach (var user in imported.Fixture.Users)
        {
            var listing = imported.Fixture.Listing(user.GetProperty("ref").GetString()!);
            using var client = await LogInAsync(imported, user);

            var yours = await GetJsonAsync(client, "/api/v1/workflows/counts_by_category?categories=user");
            var recent = await GetJsonAsync(client, "/api/v1/workflows/counts_by_category?categories=user&categories=default&has_been_opened=true");

            Counts(yours).Should().Equal(Counts(listing.GetProperty("counts_by_category_user")));

            // InvokeAI's default workflows are not imported (this server ships its own), so only
            // the user category of "Recently Opened" carries over; the import reports the opened default.
            recent.GetProperty("user").GetInt32().Should().Be(listing.GetProperty("counts_by_category_recent").GetProperty("user").GetInt32());
            recent.GetProperty("default").GetInt32().Should().Be(0);
        }
    }

    [Fact]
    public async Task CountsByTag_OfEveryUsersTags_CountWhatInvokeAiCounted()
    {
        var imported = await installation.ReadyAsync();

        foreach (var user in imported.Fixture.Users)
        {
            var listing = imported.Fixture.Listing(user.GetProperty("ref").GetString()!);
            var tags = listing.GetProperty("tags_yours").EnumerateArray().Select(t => t.GetString()!).ToList();
            var visible = VisibleUserWorkflows(imported.Fixture, user).ToList();
            using var client = await LogInAsync(imported, user);

            var query = string.Join('&', tags.Select(t => "tags=" + Uri.EscapeDataString(t)));
            var counts = await GetJsonAsync(client, $"/api/v1/workflows/counts_by_tag?categories=user&{query}");

            // counts_by_tag counts the workflows whose tags contain the tag, ignoring case (InvokeAI's LIKE).
            var expected = tags.ToDictionary(
                t => t,
                t => visible.Count(w => w.GetProperty("tags").GetString()!.Contains(t, StringComparison.OrdinalIgnoreCase)));
            Counts(counts).Should().Equal(expected);
        }
    }

    [Fact]
    public async Task Thumbnails_OfImportedWorkflows_AreServedAsWebp()
    {
        var imported = await installation.ReadyAsync();
        var admin = imported.Fixture.Users.Single(u => u.GetProperty("is_admin").GetBoolean());
        using var client = await LogInAsync(imported, admin);
        var withThumbnails = imported.Fixture.UserWorkflows.Where(w => w.GetProperty("has_thumbnail").ValueKind == JsonValueKind.True).ToList();
        withThumbnails.Should().NotBeEmpty();

        foreach (var workflow in withThumbnails)
        {
            var id = workflow.GetProperty("workflow_id").GetString();
            using var response = await client.GetAsync($"/api/v1/workflows/i/{id}/thumbnail");

            response.StatusCode.Should().Be(HttpStatusCode.OK, id);
            response.Content.Headers.ContentType!.MediaType.Should().Be("image/webp");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            using var image = SkiaSharp.SKBitmap.Decode(bytes);
            image.Should().NotBeNull();
            Math.Max(image.Width, image.Height).Should().BeLessThanOrEqualTo(256);

            var record = await GetJsonAsync(client, $"/api/v1/workflows/i/{id}");
            record.GetProperty("thumbnail_url").GetString().Should().StartWith($"api/v1/workflows/i/{id}/thumbnail");
        }
    }

    [Fact]
    public async Task Token_MintedByInvokeAi_IsAcceptedWhenTheSecretWasImported()
    {
        var imported = await installation.ReadyAsync();

        foreach (var token in imported.Fixture.Expected.GetProperty("tokens").EnumerateObject().Where(t => t.Value.GetProperty("honoured").GetBoolean()))
        {
            using var client = imported.Server.ClientWithToken(token.Value.GetProperty("token").GetString()!);

            var me = await GetJsonAsync(client, "/api/v1/auth/me");

            me.GetProperty("user_id").GetString().Should().Be(token.Value.GetProperty("claims").GetProperty("user_id").GetString());
        }
    }

    [Fact]
    public async Task Documents_OfEveryImportedWorkflow_AreTheStoredDocumentsByteForByte()
    {
        var imported = await installation.ReadyAsync();
        var stored = await InvokeAiFixture.StoredDocumentsAsync(imported.InvokeAiRoot);
        var admin = imported.Fixture.Users.Single(u => u.GetProperty("is_admin").GetBoolean());
        using var client = await LogInAsync(imported, admin);

        foreach (var workflow in imported.Fixture.UserWorkflows)
        {
            var id = workflow.GetProperty("workflow_id").GetString()!;
            using var response = await client.GetAsync($"/api/v1/workflows/i/{id}");
            var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);

            body.GetProperty("workflow").GetRawText().Should().Be(stored[id], id);
            body.GetProperty("user_id").GetString().Should().Be(workflow.GetProperty("user_id").GetString());
            body.GetProperty("is_public").GetBoolean().Should().Be(workflow.GetProperty("is_public").GetBoolean());
            body.GetProperty("created_at").GetString().Should().Be(workflow.GetProperty("created_at").GetString());
            body.GetProperty("updated_at").GetString().Should().Be(workflow.GetProperty("updated_at").GetString());
            body.GetProperty("opened_at").ValueKind.Should().Be(workflow.GetProperty("opened_at").ValueKind == JsonValueKind.Null ? JsonValueKind.Null : JsonValueKind.String);
        }
    }

    [Fact]
    public async Task Rerun_OfTheSameImport_FindsEverythingPresentAndChangesNothing()
    {
        var imported = await installation.ReadyAsync();

        imported.SecondRun.ExitCode.Should().Be(0, imported.SecondRun.Output);
        imported.SecondRun.Output.Should().Contain("Nothing to import").And.Contain("users: 0 new, 0 replaced, 4 already present")
            .And.Contain("client state: 0 new, 0 replaced, 9 already present");
        imported.SnapshotAfterSecondRun.Should().Be(imported.SnapshotAfterFirstRun);
    }

    [Fact]
    public async Task ClientState_OfEveryUser_IsWhatInvokeAiStoredForThem()
    {
        var imported = await installation.ReadyAsync();
        var rows = imported.Fixture.Expected.GetProperty("client_state").EnumerateArray().ToList();
        var keys = rows.Select(r => r.GetProperty("key").GetString()!).Distinct().ToList();

        foreach (var user in imported.Fixture.Users)
        {
            var userId = user.GetProperty("user_id").GetString();
            var own = rows.Where(r => r.GetProperty("user_id").GetString() == userId)
                .ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("value").GetString());
            using var client = await LogInAsync(imported, user);

            foreach (var key in keys)
            {
                var value = await GetJsonAsync(client, "/api/v1/client_state/default/get_by_key?key=" + Uri.EscapeDataString(key));

                // A key another user (or the single-user era's system) stored is not this user's.
                value.ValueKind.Should().Be(own.ContainsKey(key) ? JsonValueKind.String : JsonValueKind.Null, $"{userId} {key}");
                if (own.TryGetValue(key, out var expected))
                {
                    value.GetString().Should().Be(expected, $"{userId} {key}");
                }
            }
        }
    }

    [Fact]
    public async Task FirstRun_ReportsTheOpenedDefaultTheBackupsAndTheClientState()
    {
        var imported = await installation.ReadyAsync();

        imported.FirstRun.Output.Should().Contain("default_7dde3e36-d78f-4152-9eea-00ef9c8124ed")
            .And.Contain("client state: 9 new, 0 replaced, 0 already present")
            .And.Contain("invokeai_backup_20260209-091200.db");
    }

    private static IEnumerable<JsonElement> VisibleUserWorkflows(InvokeAiFixture fixture, JsonElement user) =>
        user.GetProperty("is_admin").GetBoolean()
            ? fixture.UserWorkflows
            : fixture.UserWorkflows.Where(w => w.GetProperty("user_id").GetString() == user.GetProperty("user_id").GetString());

    private static async Task<HttpClient> LogInAsync(ImportedInstallation imported, JsonElement user)
    {
        using var response = await imported.Server.PostLoginAsync(user.GetProperty("email").GetString()!, user.GetProperty("password").GetString()!);
        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var client = imported.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return client;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    private static List<string?> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("workflow_id").GetString()).ToList();

    private static Dictionary<string, int> Counts(JsonElement counts) =>
        counts.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
}

public sealed class ImportedInstallationTestsOnSqlite(ImportedIntoSqlite installation)
    : ImportedInstallationTests(installation), IClassFixture<ImportedIntoSqlite>;

public sealed class ImportedInstallationTestsOnPostgres(ImportedIntoPostgres installation)
    : ImportedInstallationTests(installation), IClassFixture<ImportedIntoPostgres>;
