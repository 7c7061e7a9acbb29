using System.Collections.Concurrent;
using System.Globalization;
using Oxyde.Codec.Ir;
using Oxyde.Query.Dialects;

namespace Oxyde.Query;

/// <summary>
/// IR to executable statements for one dialect. Templates are cached per shape (DESIGN §4): a repeated
/// shape skips generation and only binds. Thread-safe; one instance per dialect is enough.
/// </summary>
internal sealed class SqlRenderer(SqlDialect dialect)
{
    /// <summary>Entries kept before the cache is cleared (bounded memory for ad-hoc shapes).</summary>
    public const int MaxCacheEntries = 1024;

    private readonly ConcurrentDictionary<IrQuery, SqlTemplate[]> _cache = new();
    private readonly SqlGenerator _generator = new(dialect);
    private int _generationCount;

    public SqlDialect Dialect => dialect;

    /// <summary>Shapes currently cached.</summary>
    public int CacheCount => _cache.Count;

    /// <summary>How many times SQL was generated (cache misses); for tests and diagnostics.</summary>
    public int GenerationCount => Volatile.Read(ref _generationCount);

    /// <summary>The statements for <paramref name="query"/>, with parameters converted for the provider.</summary>
    public IReadOnlyList<SqlStatement> Render(IrQuery query)
    {
        var templates = Templates(query);
        var statements = new SqlStatement[templates.Length];
        for (var i = 0; i < templates.Length; i++)
        {
            statements[i] = new SqlStatement(templates[i].Sql, Bind(templates[i], query.Values), templates[i].Plan);
        }

        return statements;
    }

    /// <summary>The cached (or freshly generated) templates for the query's shape.</summary>
    public SqlTemplate[] Templates(IrQuery query)
    {
        // The query is its own key: its records compare by shape and leave the values out (IrQuery).
        if (_cache.TryGetValue(query, out var cached))
        {
            return cached;
        }

        var templates = _generator.Generate(query);
        Interlocked.Increment(ref _generationCount);
        if (_cache.Count >= MaxCacheEntries)
        {
            _cache.Clear();
        }

        _cache[query] = templates;
        return templates;
    }

    private object?[] Bind(SqlTemplate template, IReadOnlyList<object?> values)
    {
        var slots = template.Slots;
        var parameters = new object?[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            ref readonly var slot = ref slots[i];
            var wire = values[slot.ValueIndex];
            if (slot.Element >= 0)
            {
                wire = ((IReadOnlyList<object?>)wire!)[slot.Element];
            }

            if (slot.Transform != ParamTransform.None)
            {
                wire = wire is null ? null : LikePatterns.Apply(PatternText(wire, slot), slot.Transform, dialect.LowerFoldsAsciiOnly);
            }

            parameters[i] = dialect.ToDbValue(wire, slot.Type, slot.Column);
        }

        return parameters;
    }

    /// <summary>LIKE lookups take text; numbers are accepted in their invariant spelling.</summary>
    private static string PatternText(object wire, in ParamSlot slot) => wire switch
    {
        string s => s,
        long or int or double => Convert.ToString(wire, CultureInfo.InvariantCulture)!,
        _ => throw WireValues.Fail(null, slot.Column, "a LIKE lookup takes a string"),
    };
}
