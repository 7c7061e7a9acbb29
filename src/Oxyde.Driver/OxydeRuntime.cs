using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Reader;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Async;
using Oxyde.Driver.Buffers;
using Oxyde.Driver.Cursors;
using Oxyde.Driver.Logging;
using Oxyde.Driver.Pools;
using Oxyde.Driver.Providers.Sqlite;
using Oxyde.Driver.Results;
using Oxyde.Driver.Transactions;
using Oxyde.Query;
using Oxyde.Query.Dialects;

namespace Oxyde.Driver;

/// <summary>
/// The one object the native layer talks to: it owns the pools, the open transactions and the
/// completion queue of the async path. Every verb takes request bytes and produces result bytes
/// (docs/ir-protocol.md). The verb methods throw <see cref="OxydeException"/>;
/// <see cref="Dispatch"/> never throws and returns an error envelope instead.
/// </summary>
public sealed partial class OxydeRuntime : IDisposable
{
    private readonly StatementLog _log;
    private readonly PoolRegistry _pools;
    private readonly TransactionRegistry _transactions;
    private readonly CursorRegistry _cursors;
    private readonly CompletionQueue _completions;
    private readonly TicketWorkers _workers = new();
    private readonly SqlRenderer?[] _renderers = new SqlRenderer?[Enum.GetValues<DialectName>().Length];
    private long _lastTicket;
    private int _disposed;

    /// <param name="nativeDirectory">Where liboxyde (and <c>libe_sqlite3.so</c> beside it) lives, when loaded as a native library.</param>
    public OxydeRuntime(string? nativeDirectory = null)
        : this(nativeDirectory, TimeProvider.System)
    {
    }

    /// <param name="nativeDirectory">As above.</param>
    /// <param name="time">The clock and timers of transaction deadlines and the idle-transaction sweep (tests pass a manual one).</param>
    internal OxydeRuntime(string? nativeDirectory, TimeProvider time)
    {
        SqliteNativeLibrary.Initialize(nativeDirectory);
        _log = StatementLog.FromEnvironment();
        _pools = new PoolRegistry(_log);
        _transactions = new TransactionRegistry(time);
        _cursors = new CursorRegistry(_transactions, time);
        _completions = new CompletionQueue();
    }

    /// <summary>The open pool named <paramref name="name"/>; for tests that look inside a pool.</summary>
    internal IConnectionPool Pool(string name) => _pools.Get(name);

    /// <summary>Whether transaction <paramref name="tx"/> is open, without touching it; for tests of the idle sweep.</summary>
    internal bool IsTransactionOpen(long tx) => _transactions.IsOpen(tx);

    /// <summary>Streaming cursors open now; for tests of their cleanup.</summary>
    internal int OpenCursors => _cursors.Count;

    /// <summary>Runs the idle-cursor sweep now; for tests (the timer runs it every cleanup interval).</summary>
    internal int SweepIdleCursors() => _cursors.SweepExpired();

    public byte[] PoolOpen(ReadOnlyMemory<byte> request) => Call(RuntimeVerb.PoolOpen, request);

    public byte[] PoolClose(ReadOnlyMemory<byte> request) => Call(RuntimeVerb.PoolClose, request);

    public byte[] Execute(ReadOnlyMemory<byte> request) => Call(RuntimeVerb.Execute, request);

    public byte[] RenderSql(ReadOnlyMemory<byte> request) => Call(RuntimeVerb.RenderSql, request);

    public byte[] TxBegin(ReadOnlyMemory<byte> request) => Call(RuntimeVerb.TxBegin, request);

    public byte[] TxCommit(ReadOnlyMemory<byte> request) => Call(RuntimeVerb.TxCommit, request);

    public byte[] TxRollback(ReadOnlyMemory<byte> request) => Call(RuntimeVerb.TxRollback, request);

    public byte[] TxSavepoint(ReadOnlyMemory<byte> request) => Call(RuntimeVerb.TxSavepoint, request);

    public byte[] TxRelease(ReadOnlyMemory<byte> request) => Call(RuntimeVerb.TxRelease, request);

    public byte[] TxRollbackTo(ReadOnlyMemory<byte> request) => Call(RuntimeVerb.TxRollbackTo, request);

    public byte[] CursorOpen(ReadOnlyMemory<byte> request) => Call(RuntimeVerb.CursorOpen, request);

    public byte[] CursorFetch(ReadOnlyMemory<byte> request) => Call(RuntimeVerb.CursorFetch, request);

    public byte[] CursorClose(ReadOnlyMemory<byte> request) => Call(RuntimeVerb.CursorClose, request);

    /// <summary>Runs <paramref name="verb"/> on the caller's thread; never throws.</summary>
    public DispatchResult Dispatch(int verb, ReadOnlyMemory<byte> request)
    {
        if (verb is < (int)RuntimeVerb.PoolOpen or > (int)RuntimeVerb.CursorClose) // Enum.IsDefined costs ~0.3 µs a call
        {
            return new DispatchResult(
                RuntimeStatus.BadArguments,
                ErrorEnvelope.Write(ErrorCode.IrMalformed, $"unknown verb {verb}", new Dictionary<string, string>()));
        }

        return Guarded((this, (RuntimeVerb)verb, request), static (state, output) => state.Item1.Invoke(state.Item2, state.request, output));
    }

    /// <summary>Runs <paramref name="write"/> with <paramref name="state"/> into a fresh buffer (no closure on the hot path); an exception becomes its error envelope.</summary>
    private static DispatchResult Guarded<TState>(TState state, Action<TState, PooledBufferWriter> write)
    {
        var output = new PooledBufferWriter();
        try
        {
            write(state, output);
            return new DispatchResult(RuntimeStatus.Ok, output);
        }
        catch (Exception e)
        {
            output.Dispose();
            return new DispatchResult(RuntimeStatus.Error, EnvelopeOf(e));
        }
    }

    /// <summary>The error envelope for any exception: its own code for <see cref="OxydeException"/>, <c>internal</c> otherwise.</summary>
    public static byte[] EnvelopeOf(Exception exception)
    {
        try
        {
            return exception is OxydeException oxyde
                ? ErrorEnvelope.Write(oxyde)
                : ErrorEnvelope.Write(
                    ErrorCode.Internal,
                    exception.Message,
                    new Dictionary<string, string> { ["exception"] = exception.GetType().FullName ?? exception.GetType().Name });
        }
        catch (Exception)
        {
            return ErrorEnvelope.Write(ErrorCode.Internal, "failed to write an error envelope", new Dictionary<string, string>());
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _workers.Dispose();
        _cursors.Dispose();
        _transactions.Dispose();
        foreach (var pool in _pools.RemoveAll())
        {
            pool.Dispose();
        }

        _completions.Dispose();
    }

    private byte[] Call(RuntimeVerb verb, ReadOnlyMemory<byte> request)
    {
        using var output = new PooledBufferWriter();
        Invoke(verb, request, output);
        return output.ToArray();
    }

    private void Invoke(RuntimeVerb verb, ReadOnlyMemory<byte> request, PooledBufferWriter output)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        switch (verb)
        {
            case RuntimeVerb.PoolOpen:
                OpenPool(IrReader.ReadPoolOpen(request));
                WriteEmpty(output);
                break;
            case RuntimeVerb.PoolClose:
                ClosePool(_pools.Remove(IrReader.ReadPoolClose(request).Name));
                WriteEmpty(output);
                break;
            case RuntimeVerb.Execute:
                ExecuteQuery(IrReader.ReadExecute(request), output);
                break;
            case RuntimeVerb.RenderSql:
                Render(IrReader.ReadRender(request), output);
                break;
            case RuntimeVerb.TxBegin:
                {
                    var begin = IrReader.ReadTransaction(request);
                    WriteTransactionId(output, _transactions.Begin(_pools.Get(Require(begin.Pool, "pool")), begin.Timeout, begin.Isolation));
                    break;
                }

            case RuntimeVerb.TxCommit:
                _transactions.Commit(TransactionId(request));
                WriteEmpty(output);
                break;
            case RuntimeVerb.TxRollback:
                _transactions.Rollback(TransactionId(request));
                WriteEmpty(output);
                break;
            case RuntimeVerb.TxSavepoint:
                {
                    var (tx, name) = SavepointOf(request);
                    _transactions.Savepoint(tx, name);
                    WriteEmpty(output);
                    break;
                }

            case RuntimeVerb.TxRelease:
                {
                    var (tx, name) = SavepointOf(request);
                    _transactions.ReleaseSavepoint(tx, name);
                    WriteEmpty(output);
                    break;
                }

            case RuntimeVerb.TxRollbackTo:
                {
                    var (tx, name) = SavepointOf(request);
                    _transactions.RollbackToSavepoint(tx, name);
                    WriteEmpty(output);
                    break;
                }

            case RuntimeVerb.CursorOpen:
                {
                    var open = IrReader.ReadExecute(request);
                    _cursors.Open(open, _pools.Get(open.Pool), output);
                    break;
                }

            case RuntimeVerb.CursorFetch:
                {
                    var fetch = CursorRequest.Read(request);
                    _cursors.Fetch(fetch.Cursor, fetch.Rows, output);
                    break;
                }

            case RuntimeVerb.CursorClose:
                {
                    var writer = new MessagePackWriter(output);
                    writer.WriteMapHeader(1);
                    writer.Write("closed");
                    writer.Write(_cursors.Close(CursorRequest.Read(request).Cursor));
                    writer.Flush();
                    break;
                }

            default:
                throw new OxydeException(ErrorCode.IrMalformed, $"unknown verb {(int)verb}");
        }
    }

    private void OpenPool(PoolOpenRequest request)
    {
        if (_pools.Open(request) is { } replaced)
        {
            ClosePool(replaced);
        }
    }

    /// <summary>
    /// Closes the permit queues first (waiting tickets fail, nothing new begins), then the pool's
    /// streaming cursors, then rolls back the pool's transactions (a begin racing the close abandons itself, see TransactionRegistry.Start),
    /// then closes the connections.
    /// </summary>
    private void ClosePool(IConnectionPool pool)
    {
        pool.Slots.Close(PoolErrors.Closed(pool));
        pool.Writers?.Close(PoolErrors.Closed(pool));
        _cursors.CloseAll(pool);
        _transactions.RollbackAll(pool);
        pool.Dispose();
    }

    private void ExecuteQuery(ExecuteRequest request, PooledBufferWriter output)
    {
        if (request.Tx is { } tx)
        {
            _transactions.Run(tx, session => session.Execute(request.Query, output));
            return;
        }

        var pool = _pools.Get(request.Pool);
        var writers = Writes(request.Query) ? pool.Writers : null;
        if (writers is not null && !writers.Take(pool.WriterTimeout))
        {
            throw PoolErrors.WriterTimeout(pool);
        }

        try
        {
            var session = pool.Acquire();
            try
            {
                session.Execute(request.Query, output);
            }
            finally
            {
                pool.Release(session);
            }
        }
        finally
        {
            writers?.Release();
        }
    }

    private void Render(RenderRequest request, PooledBufferWriter output)
    {
        var index = (int)request.Dialect;
        var renderer = Volatile.Read(ref _renderers[index]);
        if (renderer is null)
        {
            renderer = new SqlRenderer(SqlDialects.For(request.Dialect));
            Volatile.Write(ref _renderers[index], renderer);
        }

        var statements = renderer.Render(request.Query);
        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(1);
        writer.Write("statements");
        writer.WriteArrayHeader(statements.Count);
        foreach (var statement in statements)
        {
            writer.WriteMapHeader(2);
            writer.Write("sql");
            writer.Write(statement.Sql);
            writer.Write("params");
            writer.WriteArrayHeader(statement.Parameters.Length);
            foreach (var value in statement.Parameters)
            {
                ValueWriter.Write(ref writer, value);
            }
        }

        writer.Flush();
    }

    private static long TransactionId(ReadOnlyMemory<byte> request) =>
        Require(IrReader.ReadTransaction(request).Tx, "tx");

    private static (long Tx, string Name) SavepointOf(ReadOnlyMemory<byte> request)
    {
        var parsed = IrReader.ReadTransaction(request);
        return (Require(parsed.Tx, "tx"), Require(parsed.Savepoint, "savepoint"));
    }

    private static T Require<T>(T? value, string key)
        where T : notnull => value ?? throw Missing(key);

    private static long Require(long? value, string key) => value ?? throw Missing(key);

    private static OxydeException Missing(string key) => new(
        ErrorCode.IrMalformed,
        $"request is missing '{key}'",
        new Dictionary<string, string> { ["key"] = key });

    private static void WriteEmpty(PooledBufferWriter output)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(0);
        writer.Flush();
    }

    private static void WriteTransactionId(PooledBufferWriter output, long id)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(1);
        writer.Write("tx");
        writer.Write(id);
        writer.Flush();
    }
}
