using System.Runtime.InteropServices;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

public sealed partial class AsyncTests
{
    [Fact]
    public void Submitted_tickets_complete_through_the_eventfd()
    {
        using var db = new TestDatabase();
        db.Raw("CREATE TABLE t (v INTEGER)");
        db.Raw("INSERT INTO t VALUES (1), (2), (3)");
        var select = Map("proto", 1, "type", "select", "table", "t", "columns", List("v"),
            "column_types", Map("v", Map("kind", "int64")), "order_by", List(List("v", "asc")));

        var expected = new Dictionary<ulong, int>();
        for (var i = 0; i < 20; i++)
        {
            var ticket = db.Runtime.Submit((int)RuntimeVerb.Execute, Pack(Map("pool", "default", "ir", select)));
            expected[ticket] = RuntimeStatus.Ok;
        }

        var broken = db.Runtime.Submit((int)RuntimeVerb.Execute, [0xc1, 0x00]);
        expected[broken] = RuntimeStatus.Error;
        Assert.Equal(21, expected.Count);

        var fd = db.Runtime.CompletionFd;
        Assert.True(fd >= 0);
        var seen = new Dictionary<ulong, (long Status, object? Result)>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (seen.Count < expected.Count && DateTime.UtcNow < deadline)
        {
            if (!Readable(fd, 1000))
            {
                continue;
            }

            ulong counter = 0;
            Assert.Equal(8, (int)Read(fd, ref counter, 8));
            Assert.True(counter >= 1);
            foreach (var completion in (List<object?>)Unpack(db.Runtime.DrainCompletions())!)
            {
                var item = (List<object?>)completion!;
                seen.Add((ulong)(long)item[0]!, ((long)item[1]!, item[2]));
            }
        }

        Assert.Equal(expected.Keys.Order(), seen.Keys.Order());
        foreach (var (ticket, status) in expected)
        {
            Assert.Equal(status, seen[ticket].Status);
        }

        var rows = ((Dictionary<string, object?>)seen.First(kv => kv.Key != broken).Value.Result!)["rows"];
        Assert.Equal(List(List(1L), List(2L), List(3L)).ToJsonLike(), rows.ToJsonLike());
        Assert.Equal("ir_malformed", ((Dictionary<string, object?>)seen[broken].Result!)["name"]);
        Assert.Equal("[]", ((List<object?>)Unpack(db.Runtime.DrainCompletions())!).ToJsonLike());
        Assert.False(Readable(fd, 0)); // the drain itself resets the eventfd
    }

    private static bool Readable(int fd, int timeoutMs)
    {
        var poll = new PollFd { Fd = fd, Events = 1 };
        return Poll(ref poll, 1, timeoutMs) > 0 && (poll.Revents & 1) != 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "poll")]
    private static partial int Poll(ref PollFd fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "read")]
    private static partial nint Read(int fd, ref ulong buffer, nuint count);
}
