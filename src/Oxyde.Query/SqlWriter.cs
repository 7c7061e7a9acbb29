using System.Text;
using Oxyde.Query.Dialects;

namespace Oxyde.Query;

/// <summary>
/// Builds one statement: SQL text plus its <see cref="ParamSlot"/>s, numbering placeholders in the
/// dialect's syntax. Only used on a cache miss; the builder is reused per thread.
/// </summary>
internal sealed class SqlWriter
{
    [ThreadStatic]
    private static StringBuilder? _cachedBuilder;

    private readonly List<ParamSlot> _slots = [];

    public SqlWriter(SqlDialect dialect)
    {
        Dialect = dialect;
        Sql = _cachedBuilder ?? new StringBuilder(256);
        _cachedBuilder = null;
        Sql.Clear();
    }

    public SqlDialect Dialect { get; }

    public StringBuilder Sql { get; }

    /// <summary>Placeholders written so far in the current statement.</summary>
    public int ParameterCount => _slots.Count;

    public SqlWriter Append(string text)
    {
        Sql.Append(text);
        return this;
    }

    public SqlWriter Append(char c)
    {
        Sql.Append(c);
        return this;
    }

    public SqlWriter Identifier(string name)
    {
        Dialect.AppendIdentifier(Sql, name);
        return this;
    }

    /// <summary>Comma-separated quoted identifiers.</summary>
    public SqlWriter Identifiers(IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (i > 0)
            {
                Sql.Append(", ");
            }

            Dialect.AppendIdentifier(Sql, names[i]);
        }

        return this;
    }

    public SqlWriter Parameter(in ParamSlot slot)
    {
        _slots.Add(slot);
        Dialect.AppendParameter(Sql, _slots.Count);
        Dialect.AppendParameterSuffix(Sql, slot.Type);
        return this;
    }

    /// <summary>Registers a slot whose placeholder is already in the text (raw SQL).</summary>
    public void AddSlot(in ParamSlot slot) => _slots.Add(slot);

    /// <summary>Ends the current statement and starts an empty one.</summary>
    public SqlTemplate Finish()
    {
        var template = new SqlTemplate(Sql.ToString(), _slots.ToArray());
        Sql.Clear();
        _slots.Clear();
        return template;
    }

    /// <summary>Hands the builder back to the thread cache (call once, after the last <see cref="Finish"/>).</summary>
    public void Release()
    {
        if (Sql.Capacity <= 64 * 1024)
        {
            Sql.Clear();
            _cachedBuilder = Sql;
        }
    }
}
