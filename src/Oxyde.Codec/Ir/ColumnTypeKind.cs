namespace Oxyde.Codec.Ir;

/// <summary>The <c>kind</c> of a column spec; drives binding, decoding and DDL.</summary>
internal enum ColumnTypeKind
{
    Int64,
    Float64,
    Bool,
    String,
    Text,
    Bytes,
    DateTime,
    DateTimeTz,
    Date,
    Time,
    Timedelta,
    Uuid,
    Decimal,
    Json,
    Enum,
    Array,
}
