namespace Oxyde.Driver.Providers.Postgres;

/// <summary>
/// Built-in type OIDs of PostgreSQL (stable across versions; <c>pg_type.dat</c>,
/// https://www.postgresql.org/docs/current/catalog-pg-type.html). User types (enums) have OIDs of their own.
/// </summary>
internal static class PostgresTypes
{
    public const uint Bool = 16, Bytea = 17, Int8 = 20, Int2 = 21, Int4 = 23, Oid = 26, Json = 114,
        Float4 = 700, Float8 = 701, Date = 1082, Time = 1083, Timestamp = 1114, TimestampTz = 1184,
        Numeric = 1700, Uuid = 2950, Jsonb = 3802;

    public const uint Name = 19, Text = 25, Bpchar = 1042, Varchar = 1043;

    public const uint BoolArray = 1000, ByteaArray = 1001, Int2Array = 1005, Int4Array = 1007, Int8Array = 1016,
        Float4Array = 1021, Float8Array = 1022, OidArray = 1028, JsonArray = 199, JsonbArray = 3807,
        TimestampTzArray = 1185, NumericArray = 1231;

    /// <summary>Whether values of <paramref name="oid"/> are text (their binary form is their UTF-8 text).</summary>
    public static bool IsText(uint oid) => oid is Text or Varchar or Bpchar or Name;

    /// <summary>How an array's elements go into JSON: numbers and bools as such, JSON as is, the rest as strings.</summary>
    public static ArrayElement ElementOf(uint arrayOid) => arrayOid switch
    {
        Int2Array or Int4Array or Int8Array or OidArray or Float4Array or Float8Array => ArrayElement.Number,
        BoolArray => ArrayElement.Bool,
        JsonArray or JsonbArray => ArrayElement.Json,
        TimestampTzArray => ArrayElement.Instant,
        _ => ArrayElement.Text,
    };
}
