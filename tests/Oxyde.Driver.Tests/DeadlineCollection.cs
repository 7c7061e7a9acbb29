namespace Oxyde.Driver.Tests;

/// <summary>
/// Tests that check a deadline fires on time run alone: the engine's timers (transaction deadlines,
/// permit timeouts) run on the .NET thread pool, which other test classes running in parallel can
/// keep busy with blocking waits for seconds. In the library the pool is otherwise idle.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeadlineCollection
{
    public const string Name = "deadlines";
}
