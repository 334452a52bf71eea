using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Invoke.WebApi.IntegrationTests.Testing;

/// <summary>
/// One library database served twice: by a server in single-user mode (whose workflows belong to
/// <c>system</c> and are shared, as after years of single-user use) and by a server in multi-user
/// mode with an administrator and two regular users logged in. Shared by the tests of a class:
/// logins cost a bcrypt verification each.
/// </summary>
public sealed class SharedLibraryServers : IAsyncLifetime
{
    /// <summary>A bundled default workflow that ships with a thumbnail.</summary>
    public const string DefaultWorkflowId = "default_text_to_image_basic";

    /// <summary>A 2×2 RGB PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4zwAE/xkgFAAb8gP91pbyKwAAAABJRU5ErkJggg==");

    private readonly string _root = Path.Combine(Path.GetTempPath(), "invoke-it-shared-" + Guid.NewGuid().ToString("N"));
    private int _accounts;

    public RootedApiFactory SingleUser { get; private set; } = null!;

    public RootedApiFactory MultiUser { get; private set; } = null!;

    /// <summary>No token: single-user mode's implicit <c>system</c> administrator.</summary>
    public HttpClient SingleUserClient { get; private set; } = null!;

    /// <summary>Multi-user mode without a token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public Account Admin { get; private set; } = null!;

    public Account User1 { get; private set; } = null!;

    public Account User2 { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // The single-user server starts first and creates the database; the multi-user one finds it migrated.
        SingleUser = new RootedApiFactory(_root, multiUser: false);
        SingleUserClient = SingleUser.CreateClient();
        MultiUser = new RootedApiFactory(_root, multiUser: true);
        Anonymous = MultiUser.CreateClient();
        Admin = await MultiUser.SetUpAdministratorAsync();
        User1 = await MultiUser.CreateAccountAsync(Admin, "user1@test.com");
        User2 = await MultiUser.CreateAccountAsync(Admin, "user2@test.com");
    }

    public async ValueTask DisposeAsync()
    {
        SingleUserClient.Dispose();
        Anonymous.Dispose();
        await SingleUser.DisposeAsync();
        await MultiUser.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>A new regular user with an empty library, for tests that count what a library holds.</summary>
    public Task<Account> NewUserAsync() =>
        MultiUser.CreateAccountAsync(Admin, $"fresh{Interlocked.Increment(ref _accounts)}@test.com");

    /// <summary>A workflow saved by the single-user server: owned by <c>system</c>, shared.</summary>
    public Task<string> CreateLegacyAsync(string name = "Made in single-user mode") =>
        SingleUserClient.CreateAsync(WorkflowBodies.Document(name));

    /// <summary>A workflow <paramref name="owner"/> creates and then shares, as the UI does.</summary>
    public static async Task<string> CreateSharedAsync(Account owner, JsonObject? document = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var id = await owner.Client.CreateAsync(document);
        var shared = await owner.Client.PatchAsJsonAsync($"/api/v1/workflows/i/{id}/is_public", new { is_public = true });
        (await shared.ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("is_public").GetBoolean().Should().BeTrue();
        return id;
    }

    /// <summary>The multipart body of a thumbnail upload, as the UI sends it.</summary>
    public static MultipartFormDataContent ThumbnailUpload()
    {
        var image = new ByteArrayContent(Png);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { image, "image", "thumbnail.png" } };
    }

    /// <summary>The PATCH body that replaces a workflow's document.</summary>
    public static JsonObject UpdateBody(string workflowId, string name)
    {
        var document = WorkflowBodies.Document(name);
        document["id"] = workflowId;
        return WorkflowBodies.Wrap(document);
    }

    /// <summary>The ids of the items of a list response.</summary>
    public static List<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("workflow_id").GetString()!).ToList();
}

/// <summary>The server on a chosen root, so that two servers (one per mode) can share one database.</summary>
public sealed class RootedApiFactory(string root, bool multiUser) : InvokeApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Invoke:Root"] = root,
        ["Invoke:MultiUser"] = multiUser ? "true" : "false",
    };
}
