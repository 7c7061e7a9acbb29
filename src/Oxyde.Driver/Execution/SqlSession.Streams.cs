using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Pools;
using Oxyde.Query;

namespace Oxyde.Driver.Execution;

/// <summary>Streaming cursors (docs/ir-protocol.md, "Cursors"): selects left open on this session.</summary>
internal partial class SqlSession
{
    /// <summary>The streams open on this connection, oldest first; null until the first.</summary>
    private List<RowStream>? _streams;

    /// <summary>
    /// Renders <paramref name="query"/> and leaves its statement open for <see cref="IRowStream.WriteChunk"/>.
    /// Only a select that returns rows streams; anything else is refused with <c>UnsupportedFeature</c>.
    /// </summary>
    public IRowStream OpenStream(IrQuery query)
    {
        if (query is not SelectQuery select)
        {
            throw NotStreamable(query.Kind.ToString());
        }

        ThrowIfStreaming();
        var statements = Render(query);
        if (statements.Count != 1 || statements[0].Plan != ResultPlan.Rows)
        {
            throw NotStreamable(statements[0].Plan.ToString());
        }

        var kinds = new ColumnTypeKind?[select.Columns.Count];
        KindsOf(select.Columns, kinds);
        ISqlCursor cursor;
        try
        {
            cursor = Connection.OpenStream(statements[0]);
        }
        catch (ProviderException e)
        {
            throw e.WithSubject(query.Table, query.Model);
        }

        var stream = new RowStream(this, select, cursor, kinds);
        (_streams ??= []).Add(stream);
        return stream;
    }

    /// <summary>Whether a stream is open on this session (an inline run must not trip an interrupt that would reach it).</summary>
    protected bool Streaming => _streams is { Count: > 0 };

    /// <summary>Called by a stream as it closes.</summary>
    internal void Forget(RowStream stream) => _streams?.Remove(stream);

    /// <summary>Closes every stream still open (before its transaction ends or the connection is pooled or closed).</summary>
    private void CloseStreams()
    {
        if (_streams is not { Count: > 0 } streams)
        {
            return;
        }

        foreach (var stream in streams.ToArray())
        {
            stream.Dispose();
        }
    }

    /// <summary>
    /// A server connection reads one result at a time: while a stream is part way through its rows,
    /// no other statement may run on it (the transaction must finish or close the iteration first).
    /// </summary>
    private void ThrowIfStreaming()
    {
        if (_streams is { Count: > 0 } && !Connection.InterleavesStatements)
        {
            throw new OxydeException(
                ErrorCode.TransactionState,
                "a streaming cursor (iterate()) is open on this transaction's connection; finish or close it before running other statements in the transaction",
                new Dictionary<string, string> { ["dialect"] = Connection.Dialect.WireName });
        }
    }

    private static OxydeException NotStreamable(string what) => new(
        ErrorCode.UnsupportedFeature,
        $"only a select returning rows can be streamed with a cursor, not {what}",
        new Dictionary<string, string> { ["feature"] = "cursor", ["query"] = what });
}
