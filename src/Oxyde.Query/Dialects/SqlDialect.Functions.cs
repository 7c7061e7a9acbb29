using Oxyde.Codec.Ir;

namespace Oxyde.Query.Dialects;

/// <summary>
/// Functions, aggregates, regular expressions and row locks: the standard spelling here (what
/// PostgreSQL writes), each dialect overriding what it spells differently or cannot do.
/// </summary>
internal abstract partial class SqlDialect
{
    /// <summary>
    /// Writes <paramref name="function"/> over <paramref name="count"/> arguments, <paramref name="argument"/>
    /// writing the i-th one.
    /// </summary>
    public virtual void AppendFunction(SqlWriter writer, SqlFunction function, int count, Action<int> argument)
    {
        switch (function)
        {
            case SqlFunction.Now:
                writer.Append("CURRENT_TIMESTAMP");
                return;
            case SqlFunction.Random:
                writer.Append("RANDOM()");
                return;
            case SqlFunction.Year or SqlFunction.Month or SqlFunction.Day or SqlFunction.Hour or SqlFunction.Minute or SqlFunction.Second:
                // EXTRACT answers NUMERIC (with fractional seconds); the transforms compare whole numbers.
                writer.Append("CAST(EXTRACT(").Append(DatePart(function)).Append(" FROM ");
                argument(0);
                writer.Append(") AS INTEGER)");
                return;
            case SqlFunction.Date:
                writer.Append("CAST(");
                argument(0);
                writer.Append(" AS DATE)");
                return;
            default:
                AppendCall(writer, FunctionName(function), count, argument);
                return;
        }
    }

    /// <summary>The name of a function written as a plain call, <c>NAME(a, b, ...)</c>.</summary>
    protected virtual string FunctionName(SqlFunction function) => function switch
    {
        SqlFunction.Lower => "LOWER",
        SqlFunction.Upper => "UPPER",
        SqlFunction.Length => "LENGTH",
        SqlFunction.Trim => "TRIM",
        SqlFunction.Abs => "ABS",
        SqlFunction.Coalesce => "COALESCE",
        SqlFunction.Concat => "CONCAT",
        SqlFunction.ConcatWs => "CONCAT_WS",
        _ => throw Unsupported("function " + function),
    };

    protected static void AppendCall(SqlWriter writer, string name, int count, Action<int> argument)
    {
        writer.Append(name).Append('(');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                writer.Append(", ");
            }

            argument(i);
        }

        writer.Append(')');
    }

    protected static string DatePart(SqlFunction function) => function switch
    {
        SqlFunction.Year => "YEAR",
        SqlFunction.Month => "MONTH",
        SqlFunction.Day => "DAY",
        SqlFunction.Hour => "HOUR",
        SqlFunction.Minute => "MINUTE",
        _ => "SECOND",
    };

    /// <summary>The SQL name of an aggregate over a value of <paramref name="type"/>.</summary>
    public virtual string AggregateName(AggregateFunction function, ColumnType? type) => function switch
    {
        AggregateFunction.Count => "COUNT",
        AggregateFunction.Sum => "SUM",
        AggregateFunction.Avg => "AVG",
        AggregateFunction.Min => "MIN",
        _ => "MAX",
    };

    /// <summary>
    /// <c>subject ~ ?</c> (<c>~*</c> ignoring case): a POSIX regular expression, as PostgreSQL matches it.
    /// </summary>
    public virtual void AppendRegexMatch(SqlWriter writer, Action subject, in ParamSlot pattern, bool caseInsensitive)
    {
        subject();
        writer.Append(caseInsensitive ? " ~* " : " ~ ").Parameter(pattern);
    }

    /// <summary>
    /// Whether an UPDATE/DELETE must read a subquery on its own table through a derived table
    /// (<c>IN (SELECT * FROM (SELECT ...) AS subquery)</c>): MySQL's error 1093 otherwise.
    /// </summary>
    public virtual bool NeedsDerivedTableInWrites => false;

    /// <summary><c>FOR UPDATE</c> / <c>FOR SHARE</c> with <c>NOWAIT</c> or <c>SKIP LOCKED</c>.</summary>
    public virtual void AppendLock(SqlWriter writer, LockClause lockClause)
    {
        writer.Append(lockClause.Share ? " FOR SHARE" : " FOR UPDATE");
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
