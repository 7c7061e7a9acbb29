namespace Oxyde.Query;

/// <summary>
/// What the executor does with one statement's outcome, decided when its template is rendered
/// (docs/architecture.md, "Execution"): providers run statements, the plan says how the result map
/// is built from them. A backend without a feature gets other statements with other plans, never a
/// different executor.
/// </summary>
internal enum ResultPlan
{
    /// <summary>Run for its effect only (DDL); adds nothing to the result.</summary>
    Effect,

    /// <summary>Rows changed add to <c>affected</c>.</summary>
    Affected,

    /// <summary>Rows as the select's columns.</summary>
    Rows,

    /// <summary>One row, one integer column: written as <c>count</c>.</summary>
    Count,

    /// <summary>At most one row: <c>exists</c> is whether there was one with a non-zero first column.</summary>
    Exists,

    /// <summary>Rows as the query's RETURNING columns; each row counts as one affected.</summary>
    Returning,

    /// <summary>User SQL: columns named by the database, rows by its own types, and the rows changed.</summary>
    RawRows,

    /// <summary>
    /// RETURNING emulated by keys (a dialect without it, docs/dialects.md): a locking read of the
    /// matched rows' primary keys (<c>SELECT pk ... FOR UPDATE</c>); the keys feed the statements after it.
    /// </summary>
    LockKeys,

    /// <summary>
    /// RETURNING emulated by keys: an INSERT whose rows' keys are its bound primary-key values, or, when
    /// the key is generated, read by the <see cref="GeneratedKeys"/> statement after it; rows changed add to <c>affected</c>.
    /// </summary>
    InsertKeys,

    /// <summary>
    /// One row of two integers after an <see cref="InsertKeys"/> statement: the first generated key and
    /// the step between keys (<c>LAST_INSERT_ID(), @@auto_increment_increment</c>).
    /// </summary>
    GeneratedKeys,

    /// <summary>
    /// An UPDATE ending in <c>WHERE pk IN</c>: the executor appends the keys as parameters (in chunks
    /// within the bind limit); rows changed add to <c>affected</c>.
    /// </summary>
    UpdateByKeys,

    /// <summary>
    /// A SELECT of the RETURNING columns ending in <c>WHERE pk IN</c>: the executor appends the keys;
    /// its rows, in key order, are the result's rows.
    /// </summary>
    ReturningByKeys,

    /// <summary>
    /// <see cref="ReturningByKeys"/> as a locking read (the dialect's <c>FOR UPDATE</c> after the keys): an
    /// upsert's rows, which may be newer than the transaction's snapshot.
    /// </summary>
    ReturningByKeysLocked,

    /// <summary>User SQL of several statements, run in order for their effects; the rows they changed add to <c>affected</c>.</summary>
    Script,
}
