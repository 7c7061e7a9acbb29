using Oxyde.Codec.Ir;

namespace Oxyde.Query.Dialects;

/// <summary>
/// MariaDB 10.5+: MySQL's dialect plus <c>INSERT ... RETURNING</c>
/// (https://mariadb.com/kb/en/insertreturning/) and <c>CREATE INDEX IF NOT EXISTS</c>
/// (https://mariadb.com/kb/en/create-index/), and without <c>FOR SHARE</c> (it writes <c>LOCK IN SHARE
/// MODE</c>). MariaDB has no <c>UPDATE ... RETURNING</c>, so updates
/// that ask for rows are emulated as on MySQL. A MySQL pool picks it by the server's version
/// (<see cref="SqlDialects.ForMySqlServer"/>); <c>sql(dialect="mysql")</c> keeps rendering for MySQL 8.
/// </summary>
internal sealed class MariaDbDialect : MySqlDialect
{
    /// <summary>The shared instance (dialects are stateless).</summary>
    public static new readonly MariaDbDialect Instance = new();

    private MariaDbDialect()
    {
    }

    /// <inheritdoc/>
    public override bool SupportsInsertReturning => true;

    /// <inheritdoc/>
    public override bool SupportsCreateIndexIfNotExists => true;

    /// <summary>
    /// MariaDB (10.11 included) does not parse <c>FOR SHARE</c>; its shared lock is <c>LOCK IN SHARE MODE</c>,
    /// which takes NOWAIT and SKIP LOCKED (10.6+) like FOR UPDATE (https://mariadb.com/kb/en/lock-in-share-mode/).
    /// </summary>
    public override void AppendLock(SqlWriter writer, LockClause lockClause)
    {
        if (!lockClause.Share)
        {
            base.AppendLock(writer, lockClause);
            return;
        }

        writer.Append(" LOCK IN SHARE MODE");
        if (lockClause.NoWait)
        {
            writer.Append(" NOWAIT");
        }
        else if (lockClause.SkipLocked)
        {
            writer.Append(" SKIP LOCKED");
        }
    }
}
