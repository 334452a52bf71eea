using System.Diagnostics;
using System.Threading.Channels;
using Invoke.Application.Users;
using Invoke.Application.Workflows;
using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Benchmarks.Dataset;

/// <summary>What to generate.</summary>
/// <param name="Workflows">User workflows to add (the default workflows come from the server's seed).</param>
/// <param name="Users">Regular users owning them; one administrator is added.</param>
/// <param name="SharedFraction">Share of workflows made public through <see cref="Workflow.SetShared"/>.</param>
/// <param name="OpenedFraction">Share of workflows opened at least once.</param>
public sealed record DatasetOptions(
    int Workflows,
    int Users,
    double SharedFraction = 0.10,
    double OpenedFraction = 0.30,
    int Seed = 20261127,
    int BatchSize = 5000)
{
    /// <summary>Every generated user's password (hashed once, with the server's bcrypt settings).</summary>
    public const string Password = "Bench-Passw0rd!";

    public const string AdministratorEmail = "bench-admin@bench.invoke.test";

    /// <summary>Default user count for a library size: 100 workflows per user, at least 10 users.</summary>
    public static int DefaultUsers(int workflows) => Math.Max(10, workflows / 100);

    public static string UserEmail(int index) => $"bench-user-{index:D5}@bench.invoke.test";

    /// <summary>
    /// The user a workflow belongs to: owner index ⌊U·r²⌋ for uniform r, so user 0 owns about
    /// 1/√U of the library (the power user) and a user in the middle about 0.7·N/U (a typical user).
    /// </summary>
    public int OwnerIndex(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var r = random.NextDouble();
        return Math.Min(Users - 1, (int)(Users * r * r));
    }

    /// <summary>The user the benchmarks act as: in the middle of the distribution.</summary>
    public int TypicalUserIndex => Users / 2;

    /// <summary>The user with the largest library.</summary>
    public static int PowerUserIndex => 0;
}

/// <summary>What was generated and how long it took.</summary>
public sealed record DatasetSummary(
    int Users,
    int Workflows,
    int Shared,
    int Opened,
    long DocumentBytes,
    int MinDocumentBytes,
    int MaxDocumentBytes,
    TimeSpan UsersTime,
    TimeSpan WorkflowsTime,
    TimeSpan IndexTime,
    TimeSpan Total);

/// <summary>
/// Fills a migrated, seeded database with a library of the given size through the real schema:
/// users registered with <see cref="User.Register"/>, workflows made by <see cref="Workflow.Create"/>,
/// <see cref="Workflow.MarkOpened"/> and <see cref="Workflow.SetShared"/> (so every derived column is
/// what the application writes), bulk-inserted, then the library counts recomputed.
/// </summary>
public static class DatasetGenerator
{
    /// <summary>Generated workflows are created over this span before <see cref="Epoch"/>.</summary>
    private static readonly TimeSpan History = TimeSpan.FromDays(730);

    public static readonly DateTime Epoch = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<DatasetSummary> GenerateAsync(
        IServiceProvider services, DatasetOptions options, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var total = Stopwatch.StartNew();

        var stopwatch = Stopwatch.StartNew();
        var owners = await CreateUsersAsync(services, options, cancellationToken);
        var usersTime = stopwatch.Elapsed;
        log?.WriteLine($"  {owners.Count} users in {usersTime.TotalSeconds:F1} s");

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var loader = await BulkLoader.OpenAsync(db, cancellationToken);
        await loader.BeginAsync(cancellationToken);

        stopwatch.Restart();
        var stats = new Stats();
        var batches = Channel.CreateBounded<Task<List<Workflow>>>(Math.Max(2, Environment.ProcessorCount));
        var factory = new DocumentFactory();
        var producer = Task.Run(
            async () =>
            {
                for (var start = 0; start < options.Workflows; start += options.BatchSize)
                {
                    var first = start;
                    await batches.Writer.WriteAsync(
                        Task.Run(() => MakeBatch(factory, options, owners, first), cancellationToken), cancellationToken);
                }

                batches.Writer.Complete();
            },
            cancellationToken);

        await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
        {
            var rows = await batch;
            await loader.WriteAsync(rows, cancellationToken);
            stats.Add(rows);
            if (log is not null && stats.Count % 100_000 < options.BatchSize)
            {
                log.WriteLine($"  {stats.Count} workflows, {stopwatch.Elapsed.TotalSeconds:F0} s");
            }
        }

        await producer;
        var workflowsTime = stopwatch.Elapsed;

        stopwatch.Restart();
        await loader.EndAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<IWorkflowLibraryCounts>().VerifyAsync(repair: true, cancellationToken);
        var indexTime = stopwatch.Elapsed;
        log?.WriteLine($"  indexes, search index and counts in {indexTime.TotalSeconds:F1} s");

        return new DatasetSummary(
            owners.Count, stats.Count, stats.Shared, stats.Opened, stats.Bytes, stats.MinBytes, stats.MaxBytes,
            usersTime, workflowsTime, indexTime, total.Elapsed);
    }

    /// <summary>Rows <c>[first, first + BatchSize)</c>, the same for the same seed; ids grow with creation time.</summary>
    private static List<Workflow> MakeBatch(DocumentFactory factory, DatasetOptions options, IReadOnlyList<Actor> owners, int first)
    {
        var random = new Random(HashCode.Combine(options.Seed, first));
        var count = Math.Min(options.BatchSize, options.Workflows - first);
        var rows = new List<Workflow>(count);
        var step = History.Ticks / Math.Max(1, options.Workflows);
        for (var i = first; i < first + count; i++)
        {
            var owner = owners[options.OwnerIndex(random)];
            var created = Epoch - History + TimeSpan.FromTicks((step * i) + random.NextInt64(Math.Max(1, step)));
            var workflow = Workflow.Create(owner, factory.Next(random), isPublic: false, created);
            if (random.NextDouble() < options.OpenedFraction)
            {
                workflow.MarkOpened(owner, Later(random, created));
            }

            if (random.NextDouble() < options.SharedFraction)
            {
                workflow.SetShared(owner, isPublic: true, Later(random, workflow.UpdatedAt));
            }

            rows.Add(workflow);
        }

        return rows;
    }

    private static DateTime Later(Random random, DateTime after)
    {
        var later = after + TimeSpan.FromMinutes(random.Next(1, 60 * 24 * 60));
        return later < Epoch ? later : Epoch;
    }

    private static async Task<List<Actor>> CreateUsersAsync(IServiceProvider services, DatasetOptions options, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hash = scope.ServiceProvider.GetRequiredService<IPasswordHasher>().Hash(DatasetOptions.Password);
        var joined = Epoch - History - TimeSpan.FromDays(1);

        db.Users.Add(User.Register(EmailAddress.FromTrusted(DatasetOptions.AdministratorEmail), "Bench Admin", hash, isAdmin: true, joined));
        var owners = new List<Actor>(options.Users);
        for (var i = 0; i < options.Users; i++)
        {
            var user = User.Register(EmailAddress.FromTrusted(DatasetOptions.UserEmail(i)), $"Bench User {i}", hash, isAdmin: false, joined);
            db.Users.Add(user);
            owners.Add(new Actor(user.Id, IsAdmin: false));
            if (i % 2000 == 1999)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return owners;
    }

    private sealed class Stats
    {
        public int Count { get; private set; }

        public int Shared { get; private set; }

        public int Opened { get; private set; }

        public long Bytes { get; private set; }

        public int MinBytes { get; private set; } = int.MaxValue;

        public int MaxBytes { get; private set; }

        public void Add(List<Workflow> rows)
        {
            foreach (var row in rows)
            {
                Count++;
                Shared += row.IsPublic ? 1 : 0;
                Opened += row.OpenedAt is null ? 0 : 1;
                var bytes = System.Text.Encoding.UTF8.GetByteCount(row.Document);
                Bytes += bytes;
                MinBytes = Math.Min(MinBytes, bytes);
                MaxBytes = Math.Max(MaxBytes, bytes);
            }
        }
    }
}
