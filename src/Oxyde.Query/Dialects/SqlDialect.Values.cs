using Oxyde.Codec.Ir;

namespace Oxyde.Query.Dialects;

/// <summary>Value binding: wire value (docs/ir-protocol.md "Values by kind") to what the provider binds.</summary>
internal abstract partial class SqlDialect
{
    /// <summary>
    /// Converts a wire value to the provider value for a column of <paramref name="type"/> (null spec:
    /// bound by the wire type). Null stays null (SQL NULL). A value that does not fit its kind throws
    /// <c>OxydeException(ValueConversion)</c> naming <paramref name="column"/> and the kind.
    /// </summary>
    public object? ToDbValue(object? wire, ColumnType? type, string? column = null)
    {
        if (wire is null)
        {
            return null;
        }

        if (type is null)
        {
            return FromUntyped(wire, column);
        }

        return type.Kind switch
        {
            ColumnTypeKind.Int64 or ColumnTypeKind.Timedelta => WireValues.ToInt64(wire, type, column),
            ColumnTypeKind.Float64 => ConvertDouble(WireValues.ToDouble(wire, type, column), type, column),
            ColumnTypeKind.Bool => ConvertBool(WireValues.ToBool(wire, type, column)),
            ColumnTypeKind.String or ColumnTypeKind.Text or ColumnTypeKind.Enum or ColumnTypeKind.Json
                => WireValues.ToText(wire, type, column),
            ColumnTypeKind.Bytes => WireValues.ToBytes(wire, type, column),
            ColumnTypeKind.DateTime => ConvertDateTime(WireValues.ToDateTime(wire, type, column)),
            ColumnTypeKind.DateTimeTz => ConvertDateTimeTz(WireValues.ToDateTimeOffset(wire, type, column)),
            ColumnTypeKind.Date => ConvertDate(WireValues.ToDate(wire, type, column)),
            ColumnTypeKind.Time => ConvertTime(WireValues.ToTime(wire, type, column)),
            ColumnTypeKind.Uuid => ConvertUuid(WireValues.ToGuid(wire, type, column)),
            ColumnTypeKind.Decimal => ConvertDecimal(wire, type, column),
            ColumnTypeKind.Array => ConvertArray(WireValues.ToText(wire, type, column), type, column),
            _ => throw WireValues.Fail(type, column, "unknown column kind"),
        };
    }

    /// <summary>A value without a spec: integers as long, floats as double, bool via <see cref="ConvertBool"/>, str, bin.</summary>
    protected virtual object FromUntyped(object wire, string? column) => wire switch
    {
        long or string or double or byte[] => wire,
        bool b => ConvertBool(b),
        int or short or sbyte or byte or ushort or uint => Convert.ToInt64(wire, System.Globalization.CultureInfo.InvariantCulture),
        ulong u when u <= long.MaxValue => (long)u,
        ulong u => ConvertUnsigned(u, column),
        float f => (double)f,
        _ => throw WireValues.Fail(null, column, "a value of type " + wire.GetType().Name + " needs a column spec"),
    };

    /// <summary>An integer above int64 max (msgpack uint64): a decimal by default (PostgreSQL numeric, MySQL unsigned).</summary>
    protected virtual object ConvertUnsigned(ulong value, string? column) => (decimal)value;

    /// <summary>Floats: the double as is by default (PostgreSQL and SQLite store ±infinity).</summary>
    protected virtual object ConvertDouble(double value, ColumnType type, string? column) => value;

    /// <summary>Booleans: native bool by default (PG BOOLEAN, MySQL TINYINT(1) via the provider).</summary>
    protected virtual object ConvertBool(bool value) => value;

    /// <summary>Naive datetimes: DateTime with Kind Unspecified by default.</summary>
    protected virtual object ConvertDateTime(DateTime value) => value;

    /// <summary>Aware datetimes: the UTC instant as DateTime Kind Utc by default (PG timestamptz).</summary>
    protected virtual object ConvertDateTimeTz(DateTimeOffset value) => value.UtcDateTime;

    /// <summary>Dates: DateOnly by default.</summary>
    protected virtual object ConvertDate(DateOnly value) => value;

    /// <summary>Times: TimeOnly by default.</summary>
    protected virtual object ConvertTime(TimeOnly value) => value;

    /// <summary>UUIDs: Guid by default (PG uuid).</summary>
    protected virtual object ConvertUuid(Guid value) => value;

    /// <summary>Decimals: System.Decimal by default; SQLite keeps the exact text.</summary>
    protected virtual object ConvertDecimal(object wire, ColumnType type, string? column) => WireValues.ToDecimal(wire, type, column);

    /// <summary>Arrays arrive as JSON text; stored as JSON text by default (PG binds a native array).</summary>
    protected virtual object ConvertArray(string json, ColumnType type, string? column) => json;
}
