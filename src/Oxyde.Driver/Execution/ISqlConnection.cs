using Oxyde.Query;
using Oxyde.Query.Dialects;

namespace Oxyde.Driver.Execution;

/// <summary>
/// One open database connection as the shared executor sees it: statements in, cursors out. A
/// provider implements this (binding its parameters, mapping its errors to
/// <see cref="ProviderException"/> by code) and nothing else of the result protocol;
/// <see cref="SqlSession"/> does the rest for every SQL backend.
/// </summary>
internal interface ISqlConnection : IDisposable
{
    /// <summary>The dialect this connection's SQL is rendered for (a pool may pick it by server version).</summary>
    SqlDialect Dialect { get; }

    /// <summary>Whether the server has a transaction open on this connection (also one it aborted on its own).</summary>
    bool InTransaction { get; }

    /// <summary>Runs <paramref name="statement"/>; its rows, if any, are read from the cursor.</summary>
    ISqlCursor Open(SqlStatement statement);

    /// <summary>
    /// Runs <paramref name="statement"/> for a streaming cursor (<see cref="RowStream"/>), whose rows
    /// are read in chunks over many calls while other statements may run on the connection in
    /// between: a provider that reuses prepared statements gives this one a statement of its own.
    /// </summary>
    ISqlCursor OpenStream(SqlStatement statement) => Open(statement);

    /// <summary>
    /// Whether other statements can run on this connection while a <see cref="OpenStream"/> cursor is
    /// part way through its rows (SQLite steps several statements at once; a server connection
    /// streams one result at a time).
    /// </summary>
    bool InterleavesStatements => false;

    /// <summary>
    /// Runs user SQL as one statement. A text that holds more than one is refused before anything runs
    /// (<c>UnsupportedFeature</c>, feature <c>multiple_statements</c>): scripts go through <see cref="RunScript"/>.
    /// </summary>
    ISqlCursor OpenRaw(SqlStatement statement);

    /// <summary>Runs every statement of <paramref name="script"/> in order, without parameters; returns the rows they changed.</summary>
    long RunScript(string script);

    /// <summary>Runs a statement without parameters or rows (BEGIN, COMMIT, SAVEPOINT ...).</summary>
    void Exec(string sql);

    /// <summary>Stops the statement running on this connection, from another thread; it fails. A no-op when nothing runs.</summary>
    void Interrupt();
}
