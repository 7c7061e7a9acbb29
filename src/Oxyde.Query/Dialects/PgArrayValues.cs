using System.Text.Json;
using Oxyde.Codec.Ir;

namespace Oxyde.Query.Dialects;

/// <summary>
/// Turns an array value (JSON text on the wire) into the typed CLR array Npgsql binds to
/// <c>item[]</c> (nullable elements, e.g. <c>long?[]</c>; https://www.npgsql.org/doc/types/basic.html);
/// decimal items into untyped array text, so no digit is lost.
/// </summary>
internal static class PgArrayValues
{
    public static object FromJson(string json, ColumnType type, string? column)
    {
        var item = type.Item ?? new ColumnType(ColumnTypeKind.Text);
        List<object?> items;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw WireValues.Fail(type, column, "expected a JSON array");
            }

            items = new List<object?>(doc.RootElement.GetArrayLength());
            foreach (var element in doc.RootElement.EnumerateArray())
            {
                items.Add(ToWire(element, item, type, column));
            }
        }
        catch (JsonException)
        {
            throw WireValues.Fail(type, column, "expected JSON text");
        }

        var dialect = PostgresDialect.Instance;
        return item.Kind switch
        {
            ColumnTypeKind.Int64 or ColumnTypeKind.Timedelta => Build<long>(items, item, column, dialect),
            ColumnTypeKind.Float64 => Build<double>(items, item, column, dialect),
            ColumnTypeKind.Bool => Build<bool>(items, item, column, dialect),
            ColumnTypeKind.Decimal => DecimalLiteral(items, item, column),
            ColumnTypeKind.Uuid => Build<Guid>(items, item, column, dialect),
            ColumnTypeKind.DateTime or ColumnTypeKind.DateTimeTz => Build<DateTime>(items, item, column, dialect),
            ColumnTypeKind.Date => Build<DateOnly>(items, item, column, dialect),
            ColumnTypeKind.Time => Build<TimeOnly>(items, item, column, dialect),
            ColumnTypeKind.String or ColumnTypeKind.Text or ColumnTypeKind.Enum or ColumnTypeKind.Json => BuildText(items, item, column),
            _ => throw WireValues.Fail(type, column, "arrays of " + WireValues.KindName(item.Kind) + " are not supported"),
        };
    }

    private static object? ToWire(JsonElement element, ColumnType item, ColumnType type, string? column)
    {
        if (item.Kind == ColumnTypeKind.Json)
        {
            return element.ValueKind == JsonValueKind.Null ? null : element.GetRawText();
        }

        return element.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number when element.TryGetInt64(out var l) => l,
            JsonValueKind.Number when item.Kind == ColumnTypeKind.Decimal => element.GetRawText(),
            JsonValueKind.Number => element.GetDouble(),
            _ => throw WireValues.Fail(type, column, "nested JSON in an array of " + WireValues.KindName(item.Kind)),
        };
    }

    private static T?[] Build<T>(List<object?> items, ColumnType item, string? column, SqlDialect dialect)
        where T : struct
    {
        var result = new T?[items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = dialect.ToDbValue(items[i], item, column) is { } v ? (T)v : null;
        }

        return result;
    }

    /// <summary>
    /// Decimals as the array's text form (<c>{1.10,NULL,2}</c>), bound untyped so the server reads
    /// every digit into <c>numeric[]</c> (System.Decimal would keep 28).
    /// </summary>
    private static UntypedText DecimalLiteral(List<object?> items, ColumnType item, string? column)
    {
        var sb = new System.Text.StringBuilder("{");
        for (var i = 0; i < items.Count; i++)
        {
            sb.Append(i > 0 ? "," : string.Empty);
            if (items[i] is not { } value)
            {
                sb.Append("NULL");
                continue;
            }

            var text = WireValues.ToDecimalText(value, item, column).Trim();
            sb.Append(WireValues.IsFiniteDecimalText(text) ? text : throw WireValues.Fail(item, column, "expected finite decimal items"));
        }

        return new UntypedText(sb.Append('}').ToString());
    }

    private static string?[] BuildText(List<object?> items, ColumnType item, string? column)
    {
        var result = new string?[items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = items[i] is null ? null : WireValues.ToText(items[i]!, item, column);
        }

        return result;
    }
}
