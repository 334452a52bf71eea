using Invoke.Infrastructure.Models;

namespace Invoke.Application.FunctionalTests.Models;

/// <summary>Removing a model folder on the real file system while someone swaps links into it.</summary>
public sealed class ModelFolderRemovalTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "invoke-rm-" + Guid.NewGuid().ToString("N"));

    public ModelFolderRemovalTests()
    {
        Directory.CreateDirectory(_temp);
    }

    private string Outside => Path.Combine(_temp, "outside");

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Remove_OfAFolder_UnlinksLinksInsideAndKeepsTheirTargets()
    {
        var victim = Path.Combine(_temp, "models", "victim");
        Directory.CreateDirectory(Path.Combine(victim, "nested"));
        File.WriteAllText(Path.Combine(victim, "nested", "model.safetensors"), "weights");
        Directory.CreateDirectory(Outside);
        var secret = Path.Combine(Outside, "secret.txt");
        File.WriteAllText(secret, "keep me");
        Directory.CreateSymbolicLink(Path.Combine(victim, "nested", "dir-link"), Outside);
        File.CreateSymbolicLink(Path.Combine(victim, "file-link"), secret);

        NoFollowDelete.Remove(victim);

        Directory.Exists(victim).Should().BeFalse();
        File.ReadAllText(secret).Should().Be("keep me");
    }

    [Fact]
    public async Task Remove_WhileFoldersAreSwappedForLinksToOutside_NeverDeletesOutside()
    {
        const int Rounds = 20;
        for (var round = 0; round < Rounds; round++)
        {
            var victim = Path.Combine(_temp, "models", "victim" + round);
            var big = Path.Combine(victim, "big");
            Directory.CreateDirectory(big);
            for (var i = 0; i < 400; i++)
            {
                File.WriteAllText(Path.Combine(big, $"f{i}.bin"), "x");
            }

            // Several folders the attacker turns into links once the removal is under way.
            var targets = Enumerable.Range(0, 8).Select(i => Path.Combine(victim, $"t{i}")).ToList();
            foreach (var target in targets)
            {
                Directory.CreateDirectory(target);
                File.WriteAllText(Path.Combine(target, "model.safetensors"), "weights");
            }

            var outside = Path.Combine(Outside, "r" + round);
            Directory.CreateDirectory(outside);
            var secrets = Enumerable.Range(0, 20).Select(i => Path.Combine(outside, $"secret{i}.txt")).ToList();
            secrets.ForEach(secret => File.WriteAllText(secret, "keep me"));

            using var started = new ManualResetEventSlim();
            var attacker = Task.Run(() =>
            {
                started.Wait();
                while (Directory.Exists(big) && Directory.GetFiles(big).Length > 395)
                {
                    Thread.SpinWait(10);
                }

                foreach (var target in targets)
                {
                    try
                    {
                        Directory.Move(target, target + "-moved");
                        Directory.CreateSymbolicLink(target, outside);
                    }
                    catch (IOException)
                    {
                        // Already removed: too late for this one.
                    }
                }
            });

            started.Set();
            try
            {
                NoFollowDelete.Remove(victim);
            }
            catch (IOException)
            {
                // A folder that reappears during the removal may be left behind; what matters is outside.
            }

            await attacker;
            secrets.Should().OnlyContain(secret => File.Exists(secret), "round {0} must not reach outside", round);
        }
    }
}
