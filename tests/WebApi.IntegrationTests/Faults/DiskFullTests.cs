using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Invoke.Infrastructure.Persistence;
using Invoke.WebApi.IntegrationTests.Testing;
using Microsoft.Data.Sqlite;

namespace Invoke.WebApi.IntegrationTests.Faults;

/// <summary>
/// A SQLite server whose root is a small file system of its own (tmpfs) that the test fills:
/// writes are answered 507, <c>/health</c> says unhealthy, nothing is written half, and once there
/// is room again the database is intact and takes writes.
/// </summary>
public sealed class DiskFullTests
{
    private const int FileSystemMegabytes = 40;

    [Fact]
    public async Task Writes_OnAFullDisk_Are507_AndTheDatabaseIsIntactAfterwards()
    {
        var mount = Path.Combine(Path.GetTempPath(), "invoke-diskfull-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mount);
        var mountFailure = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={FileSystemMegabytes}m", "tmpfs", mount);
        if (mountFailure is not null)
        {
            Directory.Delete(mount);
            Assert.Skip($"SKIPPED: cannot mount a tmpfs here ({mountFailure}); the disk-full test needs root and mount(8).");
        }

        try
        {
            var root = Path.Combine(mount, "root");
            var acknowledged = new List<string>();
            await using (var factory = new RootedApiFactory(root))
            {
                var client = factory.CreateClient();
                acknowledged.Add(await client.CreateAsync(WorkflowBodies.Document("Before the disk filled")));
                (await (await client.GetAsync("/health")).Content.ReadAsStringAsync()).Should().Be("Healthy");

                var filler = Path.Combine(mount, "filler");
                Fill(filler);

                // What SQLite says where it does not say SQLITE_FULL (the WAL index cannot grow) is
                // also what a failing disk says: the room left tells them apart.
                var storage = new DatabaseStorage($"Data Source={Path.Combine(root, "databases", "invoke.db")}");
                var ioError = DatabaseFaults.Classify(new SqliteException("disk I/O error", 10, 4874));
                storage.Resolve(ioError)!.Kind.Should().Be(DatabaseFaultKind.DiskFull);

                var statuses = new List<HttpStatusCode>();
                for (var i = 0; i < 5; i++)
                {
                    var document = WorkflowBodies.Document($"On a full disk {i}");
                    document["notes"] = new string('x', 20_000); // within the notes limit, larger than the room left
                    using var response = await client.PostAsJsonAsync(WorkflowBodies.Collection, WorkflowBodies.Wrap(document));
                    statuses.Add(response.StatusCode);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged.Add((await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("workflow_id").GetString()!);
                    }
                    else
                    {
                        (await response.ShouldFailWithAsync(HttpStatusCode.InsufficientStorage)).Should().Be("The server's disk is full; nothing was saved");
                    }
                }

                statuses.Should().Contain(HttpStatusCode.InsufficientStorage).And.OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.InsufficientStorage);
                using (var health = await client.GetAsync("/health"))
                {
                    health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
                    (await health.Content.ReadAsStringAsync()).Should().Contain("root: The disk under the root directory is full");
                }

                File.Delete(filler);
                storage.Resolve(ioError)!.Kind.Should().Be(DatabaseFaultKind.Unavailable, "with room on the disk an I/O error is a failing disk");

                acknowledged.Add(await client.CreateAsync(WorkflowBodies.Document("After room was made")));
                foreach (var id in acknowledged)
                {
                    (await client.GetWorkflowAsync(id)).StatusCode.Should().Be(HttpStatusCode.OK);
                }

                (await (await client.GetAsync("/health")).Content.ReadAsStringAsync()).Should().Be("Healthy");

                // Nothing written half: exactly the acknowledged writes are there.
                using var listed = await client.GetAsync(WorkflowBodies.Collection + "?categories=user&per_page=100");
                var names = (await listed.ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
                names.Count(n => n!.StartsWith("On a full disk", StringComparison.Ordinal)).Should().Be(statuses.Count(s => s == HttpStatusCode.OK));

                // The factory removes the root when disposed: the database is checked while it is there.
                await using var connection = new SqliteConnection($"Data Source={Path.Combine(root, "databases", "invoke.db")};Pooling=False");
                await connection.OpenAsync();
                await using var check = connection.CreateCommand();
                check.CommandText = "PRAGMA integrity_check";
                (await check.ExecuteScalarAsync()).Should().Be("ok");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            await RunAsync("umount", mount);
            Directory.Delete(mount, recursive: true);
        }
    }

    /// <summary>Writes until the file system refuses another byte.</summary>
    private static void Fill(string path)
    {
        var block = new byte[64 * 1024];
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // Full. The last partial block is what fits.
        }

        try
        {
            while (true)
            {
                stream.Write(block, 0, 1);
            }
        }
        catch (IOException)
        {
            // Not one more byte.
        }
    }

    private static async Task<string?> RunAsync(string program, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? null : $"{program} exited {process.ExitCode}: {errors.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{program}: {e.Message}";
        }
    }

    private sealed class RootedApiFactory(string root) : InvokeApiFactory(root);
}
