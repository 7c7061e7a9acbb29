using System.Text.Json.Nodes;
using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Reader;
using Oxyde.Query.Dialects;

namespace Oxyde.Query.Tests;

/// <summary>
/// The SQL cache is keyed by the parsed query itself (record equality over every node, values left
/// out). Differential check: every golden case and perturbed variants of it (other values, NULLs,
/// other list lengths, other flags, LIMIT numbers, row counts) rendered by one warm renderer that has
/// seen all of them give exactly what a fresh generator gives. A key that merged two shapes would
/// hand one of them the other's SQL.
/// </summary>
public sealed class CacheDifferentialTests
{
    private static readonly JsonNode?[] Replacements =
    [
        null, JsonValue.Create(0), JsonValue.Create(7), JsonValue.Create("x"), JsonValue.Create(true), JsonValue.Create(false),
        JsonValue.Create(2.5), new JsonArray(), new JsonArray(1), new JsonArray(1, 2, 3),
    ];

    public static TheoryData<string> Dialects() => ["sqlite", "postgres", "mysql", "mariadb"];

    private static SqlDialect DialectNamed(string name) => name switch
    {
        "sqlite" => SqliteDialect.Instance,
        "postgres" => PostgresDialect.Instance,
        "mysql" => MySqlDialect.Instance,
        _ => MariaDbDialect.Instance,
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public void A_warm_cache_renders_what_a_fresh_generator_renders(string dialectName)
    {
        var dialect = DialectNamed(dialectName);
        var documents = Variants().ToList();
        Assert.True(documents.Count > 500, $"only {documents.Count} variants");

        // Warm every shape first, in a scrambled order, then compare every document again.
        var warm = new SqlRenderer(dialect);
        foreach (var doc in documents.OrderBy(d => d.GetHashCode()))
        {
            _ = Outcome(warm, doc);
        }

        foreach (var doc in documents)
        {
            Assert.Equal(Outcome(new SqlRenderer(dialect), doc), Outcome(warm, doc));
        }
    }

    /// <summary>SQL and parameters, or the error, as text.</summary>
    private static string Outcome(SqlRenderer renderer, byte[] doc)
    {
        try
        {
            var statements = renderer.Render(IrReader.ReadQuery(doc));
            return string.Join(";\n", statements.Select(s => s.Sql + " -- " + ParamFormatter.Format(s.Parameters) + " " + s.Plan));
        }
        catch (OxydeException e)
        {
            return "error " + e.Code + " " + e.Message;
        }
    }

    /// <summary>Every case, and for each scalar or list at a value position, the case with that value replaced.</summary>
    private static IEnumerable<byte[]> Variants()
    {
        foreach (var file in Directory.GetFiles(TestPaths.CasesDir, "*.json").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            yield return MessagePackSerializer.ConvertFromJson(text);
            var root = JsonNode.Parse(text)!;
            var positions = new List<(JsonNode Parent, object Key)>();
            CollectValuePositions(root, positions, inValue: false);
            foreach (var (parent, key) in positions)
            {
                var original = Get(parent, key)?.DeepClone();
                foreach (var replacement in Replacements)
                {
                    Set(parent, key, replacement?.DeepClone());
                    yield return MessagePackSerializer.ConvertFromJson(root.ToJsonString());
                }

                Set(parent, key, original);
            }

            foreach (var rows in RowCountVariants(root))
            {
                yield return rows;
            }
        }
    }

    /// <summary>Positions holding values: <c>value</c>, <c>limit</c>, <c>offset</c>, update <c>values</c> entries, <c>params</c> items.</summary>
    private static void CollectValuePositions(JsonNode node, List<(JsonNode, object)> into, bool inValue)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (key is "value" or "limit" or "offset")
                    {
                        into.Add((obj, key));
                    }
                    else if (inValue)
                    {
                        into.Add((obj, key));
                    }
                    else if (child is not null)
                    {
                        CollectValuePositions(child, into, inValue: key is "values");
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } child)
                    {
                        CollectValuePositions(child, into, inValue: false);
                    }
                }

                break;
        }
    }

    private static IEnumerable<byte[]> RowCountVariants(JsonNode root)
    {
        if (root["rows"] is not JsonArray { Count: > 0 } rows)
        {
            yield break;
        }

        foreach (var count in new[] { 1, 2, 5 })
        {
            var copy = root.DeepClone();
            var copied = new JsonArray();
            for (var i = 0; i < count; i++)
            {
                copied.Add(rows[i % rows.Count]!.DeepClone());
            }

            copy["rows"] = copied;
            yield return MessagePackSerializer.ConvertFromJson(copy.ToJsonString());
        }
    }

    private static JsonNode? Get(JsonNode parent, object key) => key is string name ? parent[name] : parent[(int)key];

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (key is string name)
        {
            parent[name] = value;
        }
        else
        {
            parent[(int)key] = value;
        }
    }
}
