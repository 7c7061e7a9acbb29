namespace Oxyde.Driver.Pools;

/// <summary>Taking a pool's connection permit, the same for every backend.</summary>
internal static class PoolSlots
{
    /// <summary>
    /// Waits up to <c>acquire_timeout</c> for a connection permit, then opens the session for it
    /// (<see cref="IConnectionPool.OpenSession"/>); the permit goes back when no session opens.
    /// </summary>
    public static IConnectionSession Acquire(IConnectionPool pool)
    {
        if (!pool.Slots.Take(pool.Settings.AcquireTimeout))
        {
            throw PoolErrors.AcquireTimeout(pool);
        }

        try
        {
            return pool.OpenSession();
        }
        catch
        {
            pool.Slots.Release();
            throw;
        }
    }
}
