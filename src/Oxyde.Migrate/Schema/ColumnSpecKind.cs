namespace Oxyde.Migrate.Schema;

/// <summary>
/// The <c>kind</c> of an Oxyde column spec (<c>ColumnTypeSpec</c>), spelled as Oxyde's snapshots and
/// migration files spell it: <c>big_integer double boolean text string blob date_time date_time_utc
/// date time timedelta uuid decimal json json_binary enum array unknown</c>.
/// </summary>
internal enum ColumnSpecKind
{
    BigInteger,
    Double,
    Boolean,
    Text,
    String,
    Blob,
    DateTime,
    DateTimeUtc,
    Date,
    Time,
    Timedelta,
    Uuid,
    Decimal,
    Json,
    JsonBinary,
    Enum,
    Array,
    Unknown,
}
