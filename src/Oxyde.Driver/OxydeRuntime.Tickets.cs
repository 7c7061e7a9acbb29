using System.Collections.Concurrent;
using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Async;
using Oxyde.Driver.Buffers;
using Oxyde.Driver.Pools;

namespace Oxyde.Driver;

/// <summary>
/// Async <c>execute</c> and <c>tx_begin</c> tickets: they wait for their permits without a thread,
/// run on a worker once they hold them, and can be cancelled at any point of that life.
/// </summary>
public sealed partial class OxydeRuntime
{
    /// <summary>Tickets that <see cref="Cancel"/> can still reach, by ticket number.</summary>
    private readonly ConcurrentDictionary<ulong, RunningTicket> _running = new();

    /// <summary>
    /// Cancels an async <c>execute</c> or <c>tx_begin</c>: one still waiting for a connection or the
    /// writer permit completes at once with <see cref="ErrorCode.Cancelled"/> (and holds nothing);
    /// a running statement is interrupted. The ticket still completes, with whatever came first.
    /// False when the ticket is unknown or already finished. Never throws.
    /// </summary>
    public bool Cancel(ulong ticket) => _running.TryGetValue(ticket, out var running) && running.Cancel();

    /// <summary>Tickets not yet completed that <see cref="Cancel"/> can reach; for tests.</summary>
    internal int RunningTickets => _running.Count;

    /// <summary>
    /// Whether <paramref name="query"/> needs the writer permit. Raw SQL counts as a write unless it is
    /// one statement starting with SELECT, VALUES, EXPLAIN or WITH: a write taken for a read merely
    /// falls back to the database's own lock wait, while a read taken for a write would wait behind
    /// every transaction.
    /// </summary>
    private static bool Writes(IrQuery query) => query switch
    {
        SelectQuery => false,
        RawQuery raw => raw.Script || !ReadsOnly(raw.Sql),
        _ => true,
    };

    private static bool ReadsOnly(string sql)
    {
        var text = sql.AsSpan().TrimStart(" \t\r\n(");
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("VALUES", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("EXPLAIN", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase);
    }

    private void StartExecute(ulong id, ExecuteRequest request)
    {
        RunningTicket ticket;
        try
        {
            if (request.Tx is not null)
            {
                ticket = new RunningTicket(this, id, request, pool: null, writers: null);
            }
            else
            {
                var pool = _pools.Get(request.Pool);
                ticket = new RunningTicket(this, id, request, pool, Writes(request.Query) ? pool.Writers : null);
            }
        }
        catch (Exception e)
        {
            _completions.Complete(new Completion(id, RuntimeStatus.Error, EnvelopeOf(e)));
            return;
        }

        ticket.Start();
    }

    private void StartBegin(ulong id, byte[] request)
    {
        RunningTicket ticket;
        try
        {
            var parsed = Codec.Reader.IrReader.ReadTransaction(request);
            var pool = _pools.Get(Require(parsed.Pool, "pool"));
            ticket = new RunningTicket(this, id, execute: null, pool, pool.Writers, parsed);
        }
        catch (Exception e)
        {
            _completions.Complete(new Completion(id, RuntimeStatus.Error, EnvelopeOf(e)));
            return;
        }

        ticket.Start();
    }

    private static OxydeException CancelledError() => new(
        ErrorCode.Cancelled, "the call was cancelled", new Dictionary<string, string>());

    /// <summary>
    /// One ticket from submit to completion: writer permit (writes on a database with one writer),
    /// then a connection permit, then a worker. A statement of an open transaction needs neither
    /// (the transaction holds them) and runs as urgent work. Exactly one completion is queued.
    /// </summary>
    private sealed class RunningTicket
    {
        private readonly OxydeRuntime _runtime;
        private readonly ulong _id;
        private readonly ExecuteRequest? _execute;
        private readonly IConnectionPool? _pool;
        private readonly PermitQueue? _writers;
        private readonly TransactionRequest? _begin;
        private readonly Lock _gate = new();
        private Step? _waiting;
        private IConnectionSession? _session;
        private bool _holdsWriter;
        private bool _holdsSlot;
        private bool _cancelled;
        private int _completed;

        /// <param name="execute">The statement, or null for a <c>tx_begin</c>.</param>
        /// <param name="pool">The pool whose permits the work needs; null for a statement of an open transaction.</param>
        /// <param name="writers">The writer permit queue when the work writes (or begins), else null.</param>
        /// <param name="begin">The request of a begin (deadline and isolation of the transaction it opens), else null.</param>
        public RunningTicket(OxydeRuntime runtime, ulong id, ExecuteRequest? execute, IConnectionPool? pool, PermitQueue? writers, TransactionRequest? begin = null)
        {
            _runtime = runtime;
            _id = id;
            _execute = execute;
            _pool = pool;
            _writers = writers;
            _begin = begin;
        }

        public void Start()
        {
            _runtime._running[_id] = this;
            if (_pool is null)
            {
                Post(urgent: true);
            }
            else
            {
                TakeWriter();
            }
        }

        public bool Cancel()
        {
            var abandoned = false;
            lock (_gate)
            {
                if (Volatile.Read(ref _completed) != 0)
                {
                    return false;
                }

                _cancelled = true;
                if (_waiting is { } step && step.TryAbandon())
                {
                    _waiting = null;
                    abandoned = true;
                }
                else
                {
                    _session?.Interrupt();
                }
            }

            if (abandoned)
            {
                GiveBackPermits();
                Complete(RuntimeStatus.Error, EnvelopeOf(CancelledError()));
            }

            return true;
        }

        private void TakeWriter()
        {
            if (_writers is null)
            {
                TakeSlot();
            }
            else if (Take(_writers, writer: true))
            {
                OnGranted(writer: true);
            }
        }

        private void TakeSlot()
        {
            if (Take(_pool!.Slots, writer: false))
            {
                OnGranted(writer: false);
            }
        }

        /// <summary>True when the permit was taken at once; false when it waits (or the ticket ended).</summary>
        private bool Take(PermitQueue queue, bool writer)
        {
            try
            {
                if (queue.TryTake())
                {
                    return true;
                }

                var step = new Step(this, writer, writer ? _pool!.WriterTimeout : _pool!.Settings.AcquireTimeout);
                lock (_gate)
                {
                    if (_cancelled)
                    {
                        GiveBackPermits();
                        Complete(RuntimeStatus.Error, EnvelopeOf(CancelledError()));
                        return false;
                    }

                    _waiting = step;
                }

                if (!queue.TakeAsync(step))
                {
                    return false; // the step's callback continues
                }

                lock (_gate)
                {
                    _waiting = null;
                }

                return true;
            }
            catch (Exception e)
            {
                Fail(e);
                return false;
            }
        }

        private void OnGranted(bool writer)
        {
            lock (_gate)
            {
                _waiting = null;
                if (writer)
                {
                    _holdsWriter = true;
                }
                else
                {
                    _holdsSlot = true;
                }
            }

            if (writer)
            {
                TakeSlot();
            }
            else
            {
                Post(urgent: false);
            }
        }

        private void Post(bool urgent)
        {
            try
            {
                _runtime._workers.Post(Run, urgent);
            }
            catch (Exception e)
            {
                Fail(e); // the runtime is shutting down
            }
        }

        private void Run()
        {
            var output = new PooledBufferWriter();
            try
            {
                if (Volatile.Read(ref _cancelled))
                {
                    throw CancelledError();
                }

                if (_pool is null)
                {
                    var request = _execute!;
                    _runtime._transactions.Run(request.Tx!.Value, session => RunOn(session, request.Query, output));
                }
                else if (_execute is { } request)
                {
                    var session = OpenSession();
                    try
                    {
                        RunOn(session, request.Query, output);
                    }
                    finally
                    {
                        _pool.Release(session);
                    }
                }
                else
                {
                    var session = OpenSession();
                    bool cancelled;
                    lock (_gate)
                    {
                        cancelled = _cancelled;
                        if (!cancelled)
                        {
                            _holdsWriter = false; // Start hands both permits to the transaction
                            _session = session;
                        }
                    }

                    if (cancelled)
                    {
                        _pool.Release(session);
                        throw CancelledError();
                    }

                    long tx;
                    try
                    {
                        tx = _runtime._transactions.Start(_pool, session, _begin?.Timeout, _begin?.Isolation);
                    }
                    finally
                    {
                        lock (_gate)
                        {
                            _session = null;
                        }
                    }

                    WriteTransactionId(output, tx);
                }

                GiveBackPermits();
                Complete(RuntimeStatus.Ok, output.ToArray());
            }
            catch (Exception e)
            {
                GiveBackPermits();
                Complete(RuntimeStatus.Error, EnvelopeOf(Volatile.Read(ref _cancelled) && e is not OxydeException { Code: ErrorCode.TransactionTimeout } ? CancelledError() : e));
            }
            finally
            {
                output.Dispose();
            }
        }

        /// <summary>The session for the held slot permit; the permit now travels with the session.</summary>
        private IConnectionSession OpenSession()
        {
            var session = _pool!.OpenSession();
            lock (_gate)
            {
                _holdsSlot = false;
            }

            return session;
        }

        /// <summary>Runs the statement where <see cref="Cancel"/> can interrupt it.</summary>
        private void RunOn(IConnectionSession session, IrQuery query, PooledBufferWriter output)
        {
            lock (_gate)
            {
                if (_cancelled)
                {
                    throw CancelledError();
                }

                _session = session;
            }

            try
            {
                session.Execute(query, output);
            }
            finally
            {
                lock (_gate)
                {
                    _session = null;
                }
            }
        }

        private void GiveBackPermits()
        {
            bool writer, slot;
            lock (_gate)
            {
                (writer, slot) = (_holdsWriter, _holdsSlot);
                _holdsWriter = _holdsSlot = false;
            }

            if (slot)
            {
                _pool!.Slots.Release();
            }

            if (writer)
            {
                _writers!.Release();
            }
        }

        private void Fail(Exception reason)
        {
            GiveBackPermits();
            Complete(RuntimeStatus.Error, EnvelopeOf(reason));
        }

        private void Complete(int status, byte[] result)
        {
            if (Interlocked.Exchange(ref _completed, 1) != 0)
            {
                return;
            }

            _runtime._running.TryRemove(_id, out _);
            _runtime._completions.Complete(new Completion(_id, status, result));
        }

        /// <summary>The wait for one permit; its outcome moves the ticket on.</summary>
        private sealed class Step(RunningTicket owner, bool writer, TimeSpan timeout) : PermitWaiter(timeout)
        {
            protected internal override void Granted() => owner.OnGranted(writer);

            protected internal override void Failed(Exception reason) => owner.Fail(reason);

            protected override void TimedOut() => owner.Fail(writer
                ? PoolErrors.WriterTimeout(owner._pool!)
                : PoolErrors.AcquireTimeout(owner._pool!));
        }
    }
}
