using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Buffers;
using Oxyde.Driver.Pools;
using Oxyde.Driver.Results;

namespace Oxyde.Driver.Execution;

/// <summary>
/// A select left open on its <see cref="SqlSession"/>: each <see cref="WriteChunk"/> reads the next
/// rows of the same statement, typed by the query's column specs as <c>execute</c> types them.
/// The session closes it before its transaction ends or the connection goes back to the pool.
/// </summary>
internal sealed class RowStream : IRowStream
{
    private readonly SqlSession _session;
    private readonly SelectQuery _query;
    private readonly ISqlCursor _cursor;
    private readonly ColumnTypeKind?[] _kinds;

    /// <summary>How long an early close reads past the rest of a server's result before interrupting it.</summary>
    internal static readonly TimeSpan DrainBudget = TimeSpan.FromMilliseconds(5);

    public RowStream(SqlSession session, SelectQuery query, ISqlCursor cursor, ColumnTypeKind?[] kinds)
    {
        _session = session;
        _query = query;
        _cursor = cursor;
        _kinds = kinds;
        Columns = [.. query.Columns.Select(item => item.Name)];
    }

    /// <summary>The output column names, as <c>execute</c> names them.</summary>
    public IReadOnlyList<string> Columns { get; }

    public bool Done { get; private set; }

    public bool Closed { get; private set; }

    public int WriteChunk(ref MessagePackWriter writer, PooledBufferWriter output, int limit)
    {
        ObjectDisposedException.ThrowIf(Closed, this);
        var header = ReservedArrayHeader.Write(ref writer, output);
        var count = 0;
        if (!Done)
        {
            try
            {
                count = _cursor.WriteRows(ref writer, _kinds, limit);
            }
            catch (ProviderException e)
            {
                throw e.WithSubject(_query.Table, _query.Model);
            }

            Done = count < limit;
        }

        header.Complete(ref writer, output, count);
        return count;
    }

    public void Dispose()
    {
        if (Closed)
        {
            return;
        }

        Closed = true;
        try
        {
            if (!Done && !_session.Connection.InterleavesStatements)
            {
                // The rest of the result is on its way over the wire (MySQL) and disposing reads
                // past it: fine for a few rows, ~0.5 s per million. Past a short budget the server
                // is told to stop instead (a second connection, ~15 ms, so not for every close).
                // The statement is a select: interrupting it undoes nothing, in a transaction or not.
                using var stopper = new StreamStopper(_session.Connection, DrainBudget);
                _cursor.Dispose();
            }
            else
            {
                _cursor.Dispose();
            }
        }
        catch (OxydeException)
        {
            // The rows left unread are dropped; a connection lost meanwhile is the pool's to notice.
        }
        finally
        {
            _session.Forget(this);
        }
    }
}
