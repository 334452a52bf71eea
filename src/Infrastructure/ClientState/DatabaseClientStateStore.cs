using Invoke.Application.ClientState;
using Invoke.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Infrastructure.ClientState;

internal sealed class DatabaseClientStateStore(AppDbContext db, TimeProvider time) : IClientStateStore
{
    private DbSet<ClientStateEntry> Entries => db.Set<ClientStateEntry>();

    public Task<string?> GetAsync(string userId, string key, CancellationToken cancellationToken) =>
        Entries.AsNoTracking().Where(e => e.UserId == userId && e.Key == key).Select(e => e.Value).SingleOrDefaultAsync(cancellationToken);

    public async Task<bool> SetAsync(string userId, string key, string value, int maxKeys, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (await Entries.Where(e => e.UserId == userId && e.Key == key)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.Value, value).SetProperty(e => e.UpdatedAt, now), cancellationToken) > 0)
        {
            return true;
        }

        if (await Entries.CountAsync(e => e.UserId == userId, cancellationToken) >= maxKeys)
        {
            return false;
        }

        var entry = new ClientStateEntry { UserId = userId, Key = key, Value = value, UpdatedAt = now };
        Entries.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request stored the key first: this value is the later one.
            Entries.Entry(entry).State = EntityState.Detached;
            if (await Entries.Where(e => e.UserId == userId && e.Key == key)
                    .ExecuteUpdateAsync(set => set.SetProperty(e => e.Value, value).SetProperty(e => e.UpdatedAt, now), cancellationToken) == 0)
            {
                throw;
            }
        }

        return true;
    }

    public Task DeleteAllAsync(string userId, CancellationToken cancellationToken) =>
        Entries.Where(e => e.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}
