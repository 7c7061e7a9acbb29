using System.Globalization;
using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Buffers;
using Oxyde.Driver.Pools;
using Oxyde.Driver.Transactions;

namespace Oxyde.Driver.Cursors;

/// <summary>
/// Open streaming cursors by id (increasing from 1): <c>cursor_open</c> leaves a select open on a
/// connection, <c>cursor_fetch</c> hands back its next rows, <c>cursor_close</c> (or the last
/// rows) ends it. Outside a transaction a cursor holds a pooled connection of its own; inside one it
/// reads from the transaction's and runs under its gate. A cursor nobody reads from is not left
/// holding its connection (and on SQLite its read snapshot) forever: one idle for longer than its
/// pool's <c>transaction_timeout</c> is closed by the same <see cref="IdleSweep{T}"/> as idle transactions, and
/// closing a pool closes its cursors.
/// </summary>
internal sealed class CursorRegistry : IDisposable
{
    private readonly IdleSweep<OpenCursor> _idle;
    private readonly TransactionRegistry _transactions;
    private readonly TimeProvider _time;
    private long _lastId;

    public CursorRegistry(TransactionRegistry transactions, TimeProvider time)
    {
        _transactions = transactions;
        _time = time;
        _idle = new IdleSweep<OpenCursor>(time, CloseQuietly);
    }

    /// <summary>Cursors open now; for tests.</summary>
    public int Count => _idle.Open.Count;

    /// <summary>
    /// Opens <paramref name="request"/>'s select on the transaction's connection, or on one taken
    /// from <paramref name="pool"/> (waiting up to its acquire timeout), and writes
    /// <c>{"cursor": id, "columns": [...]}</c>.
    /// </summary>
    public void Open(ExecuteRequest request, IConnectionPool pool, PooledBufferWriter output)
    {
        OpenCursor cursor;
        var id = Interlocked.Increment(ref _lastId);
        if (request.Tx is { } tx)
        {
            IRowStream? stream = null;
            _transactions.Run(tx, session => stream = session.OpenStream(request.Query));
            cursor = new OpenCursor(id, pool, tx, session: null, stream!, _time.GetTimestamp());
        }
        else
        {
            var session = pool.Acquire();
            try
            {
                cursor = new OpenCursor(id, pool, tx: null, session, session.OpenStream(request.Query), _time.GetTimestamp());
            }
            catch
            {
                pool.Release(session);
                throw;
            }
        }

        _idle.Open[id] = cursor;
        if (pool.Slots.IsClosed)
        {
            // The pool began closing meanwhile, and its CloseAll may not have seen this one.
            lock (cursor.Gate)
            {
                Close(cursor);
            }

            throw PoolErrors.Closed(pool);
        }

        _idle.Schedule(pool.Settings);
        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(2);
        writer.Write("cursor");
        writer.Write(id);
        writer.Write("columns");
        writer.WriteArrayHeader(cursor.Stream.Columns.Count);
        foreach (var column in cursor.Stream.Columns)
        {
            writer.Write(column);
        }

        writer.Flush();
    }

    /// <summary>
    /// Writes <c>{"rows": [...], "done": bool}</c>: up to <paramref name="limit"/> more rows. Once they
    /// run out (<c>done</c>) or a read fails, the cursor is closed.
    /// </summary>
    public void Fetch(long id, int limit, PooledBufferWriter output)
    {
        var cursor = Find(id);
        lock (cursor.Gate)
        {
            ThrowIfClosed(cursor);
            if (cursor.Stream.Closed)
            {
                // Its transaction ended (commit, rollback, sweep) and its session closed the stream.
                Close(cursor);
                throw NotFound(cursor.Id);
            }

            var done = false;
            try
            {
                if (cursor.Tx is { } tx)
                {
                    _transactions.Run(tx, _ => done = WriteChunk(cursor, limit, output));
                }
                else
                {
                    done = WriteChunk(cursor, limit, output);
                }
            }
            catch
            {
                Close(cursor);
                throw;
            }
            finally
            {
                cursor.LastActivity = _time.GetTimestamp();
            }

            if (done)
            {
                Close(cursor);
            }
        }
    }

    /// <summary>Closes cursor <paramref name="id"/>; false when no open cursor has it (already done, closed or swept).</summary>
    public bool Close(long id)
    {
        if (!_idle.Open.TryGetValue(id, out var cursor))
        {
            return false;
        }

        lock (cursor.Gate)
        {
            if (cursor.Closed)
            {
                return false;
            }

            Close(cursor);
            return true;
        }
    }

    /// <summary>Closes every cursor of <paramref name="pool"/> (it is closing).</summary>
    public void CloseAll(IConnectionPool pool) => _idle.EndAll(pool);

    public void Dispose() => _idle.Dispose();

    /// <summary>Ends the holders idle past their pool's <c>transaction_timeout</c> now (the timer does it on its own); returns how many.</summary>
    internal int SweepExpired() => _idle.SweepExpired();

    private static bool WriteChunk(OpenCursor cursor, int limit, PooledBufferWriter output)
    {
        if (cursor.Stream.Closed)
        {
            // Its transaction ended (commit, rollback) and took the stream with it.
            throw NotFound(cursor.Id);
        }

        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(2);
        writer.Write("rows");
        cursor.Stream.WriteChunk(ref writer, output, limit);
        var done = cursor.Stream.Done;
        writer.Write("done");
        writer.Write(done);
        writer.Flush();
        return done;
    }

    /// <summary>Ends the cursor: the stream closes, its own connection goes back to the pool. The caller holds the gate.</summary>
    private void Close(OpenCursor cursor)
    {
        if (cursor.Closed)
        {
            return;
        }

        cursor.Closed = true;
        _idle.Open.TryRemove(cursor.Id, out _);
        try
        {
            if (cursor.Tx is { } tx && !cursor.Stream.Closed)
            {
                // The stream belongs to the transaction's connection: close it under the transaction's gate.
                try
                {
                    _transactions.Run(tx, _ => cursor.Stream.Dispose());
                }
                catch (OxydeException)
                {
                    // The transaction ended meanwhile; its session closed the stream.
                }
            }
            else
            {
                cursor.Stream.Dispose();
            }
        }
        finally
        {
            if (cursor.Session is { } session)
            {
                cursor.Pool.Release(session);
            }
        }
    }

    private void CloseQuietly(OpenCursor cursor)
    {
        try
        {
            Close(cursor);
        }
        catch (OxydeException)
        {
            // The pool is closing or the connection is gone; nothing left to give back.
        }
    }

    private OpenCursor Find(long id) => _idle.Open.TryGetValue(id, out var cursor) ? cursor : throw NotFound(id);

    private static void ThrowIfClosed(OpenCursor cursor)
    {
        if (cursor.Closed)
        {
            throw NotFound(cursor.Id);
        }
    }

    private static OxydeException NotFound(long id) => new(
        ErrorCode.CursorNotFound,
        $"no open cursor has id {id} (read to its end, closed, idle past its pool's transaction_timeout, its transaction ended, or its pool closed)",
        new Dictionary<string, string> { ["cursor"] = id.ToString(CultureInfo.InvariantCulture) });
}
