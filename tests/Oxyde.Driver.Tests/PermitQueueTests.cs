using Oxyde.Driver.Async;

namespace Oxyde.Driver.Tests;

/// <summary><see cref="PermitQueue"/>: first come first served, waits without a thread, every wait ends exactly once.</summary>
public sealed class PermitQueueTests
{
    [Fact]
    public void Free_permits_are_taken_at_once_then_waiters_queue_in_order()
    {
        var queue = new PermitQueue(2);
        Assert.True(queue.TryTake());
        Assert.True(queue.TakeAsync(new Recorder("never")));
        Assert.False(queue.TryTake());

        var order = new List<string>();
        var first = new Recorder("a", order);
        var second = new Recorder("b", order);
        Assert.False(queue.TakeAsync(first));
        Assert.False(queue.TakeAsync(second));

        queue.Release();
        Assert.Equal(["a"], order);
        Assert.False(queue.TryTake()); // a waiter is queued: a release goes to it, not to TryTake
        queue.Release();
        Assert.Equal(["a", "b"], order);
        queue.Release();
        queue.Release();
        Assert.True(queue.TryTake());
        Assert.True(queue.TryTake());
        Assert.False(queue.TryTake());
    }

    [Fact]
    public void An_abandoned_waiter_is_skipped_and_its_permit_goes_to_the_next()
    {
        var queue = new PermitQueue(1);
        Assert.True(queue.TryTake());
        var order = new List<string>();
        var gone = new Recorder("gone", order);
        var next = new Recorder("next", order);
        queue.TakeAsync(gone);
        queue.TakeAsync(next);

        Assert.True(gone.TryAbandon());
        Assert.False(gone.TryAbandon()); // ends once
        queue.Release();
        Assert.Equal(["next"], order);
    }

    [Fact]
    public void A_waiter_times_out_once_and_a_later_release_skips_it()
    {
        var queue = new PermitQueue(1);
        Assert.True(queue.TryTake());
        var order = new List<string>();
        var waiter = new Recorder("late", order, TimeSpan.FromMilliseconds(20));
        queue.TakeAsync(waiter);

        Assert.True(waiter.TimedOutSignal.Wait(TimeSpan.FromSeconds(10)));
        Assert.False(waiter.TryAbandon());
        queue.Release();
        Assert.Empty(order);
        Assert.True(queue.TryTake()); // the permit went back to the free count
    }

    [Fact]
    public void Close_fails_every_waiter_and_later_takes()
    {
        var queue = new PermitQueue(1);
        Assert.True(queue.TryTake());
        var waiter = new Recorder("w");
        queue.TakeAsync(waiter);
        var reason = new InvalidOperationException("closed");

        queue.Close(reason);
        Assert.Same(reason, waiter.Failure);
        Assert.Same(reason, Assert.Throws<InvalidOperationException>(() => queue.TryTake()));
    }

    [Fact]
    public async Task A_blocking_take_waits_for_a_release_or_gives_up_after_its_timeout()
    {
        var queue = new PermitQueue(1);
        Assert.True(queue.TryTake());
        Assert.False(queue.Take(TimeSpan.FromMilliseconds(30)));

        var taker = Task.Run(() => queue.Take(TimeSpan.FromSeconds(30)));
        while (queue.Queued == 0)
        {
            await Task.Delay(1);
        }

        queue.Release();
        Assert.True(await taker.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Many_threads_taking_and_releasing_never_exceed_the_permits()
    {
        var queue = new PermitQueue(3);
        var inside = 0;
        var most = 0;
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            Assert.True(queue.Take(TimeSpan.FromSeconds(30)));
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            Interlocked.Decrement(ref inside);
            queue.Release();
        });
        Assert.InRange(most, 1, 3);
        Assert.True(queue.TryTake() && queue.TryTake() && queue.TryTake());
        Assert.False(queue.TryTake());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class Recorder(string name, List<string>? order = null, TimeSpan? timeout = null) : PermitWaiter(timeout)
    {
        public Exception? Failure { get; private set; }

        public ManualResetEventSlim TimedOutSignal { get; } = new();

        protected internal override void Granted() => order?.Add(name);

        protected internal override void Failed(Exception reason) => Failure = reason;

        protected override void TimedOut() => TimedOutSignal.Set();
    }
}
