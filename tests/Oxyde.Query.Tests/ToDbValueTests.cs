using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Query.Dialects;

namespace Oxyde.Query.Tests;

/// <summary>One line per (dialect, kind, wire value): the provider value, shown as the goldens show it.</summary>
public sealed class ToDbValueTests
{
    private static readonly Guid SampleGuid = Guid.Parse("1b4e28ba-2fa1-11d2-883f-0016d3cca427");

    [Theory]
    // int64 / float64 / timedelta
    [InlineData("sqlite", "int64", 42L, "[42]")]
    [InlineData("postgres", "int64", 42L, "[42]")]
    [InlineData("mysql", "timedelta", 1_500_000L, "[1500000]")]
    [InlineData("sqlite", "float64", 1.5, "[Double(1.5)]")]
    [InlineData("postgres", "float64", 2L, "[Double(2)]")]
    // bool
    [InlineData("sqlite", "bool", true, "[1]")]
    [InlineData("sqlite", "bool", false, "[0]")]
    [InlineData("postgres", "bool", true, "[true]")]
    [InlineData("mysql", "bool", false, "[false]")]
    // text kinds
    [InlineData("mysql", "string", "héllo", "[\"héllo\"]")]
    [InlineData("postgres", "enum", "draft", "[\"draft\"]")]
    [InlineData("postgres", "json", "{\"a\": 1}", "[\"{\\\"a\\\": 1}\"]")]
    // datetime
    [InlineData("sqlite", "datetime", "2024-01-02T03:04:05", "[\"2024-01-02 03:04:05\"]")]
    [InlineData("sqlite", "datetime", "2024-01-02T03:04:05.000100", "[\"2024-01-02 03:04:05.000100\"]")]
    [InlineData("sqlite", "datetime", "2024-01-02 03:04:05.5", "[\"2024-01-02 03:04:05.500000\"]")]
    [InlineData("postgres", "datetime", "2024-01-02T03:04:05.123456", "[DateTime(2024-01-02T03:04:05.123456, Unspecified)]")]
    [InlineData("mysql", "datetime", "2024-01-02T03:04:05", "[DateTime(2024-01-02T03:04:05.000000, Unspecified)]")]
    // datetime_tz
    [InlineData("sqlite", "datetime_tz", "2024-01-02T03:04:05+05:30", "[\"2024-01-02 03:04:05+05:30\"]")]
    [InlineData("sqlite", "datetime_tz", "2024-01-02T03:04:05.250000Z", "[\"2024-01-02 03:04:05.250000+00:00\"]")]
    [InlineData("postgres", "datetime_tz", "2024-01-02T03:04:05+05:30", "[DateTime(2024-01-01T21:34:05.000000, Utc)]")]
    [InlineData("mysql", "datetime_tz", "2024-01-02T03:04:05-01:00", "[DateTime(2024-01-02T04:04:05.000000, Utc)]")]
    // date / time
    [InlineData("sqlite", "date", "2024-02-29", "[\"2024-02-29\"]")]
    [InlineData("postgres", "date", "2024-02-29", "[DateOnly(2024-02-29)]")]
    [InlineData("sqlite", "time", "23:59:59.000001", "[\"23:59:59.000001\"]")]
    [InlineData("sqlite", "time", "08:00:00", "[\"08:00:00\"]")]
    [InlineData("mysql", "time", "08:00:00.5", "[TimeOnly(08:00:00.500000)]")]
    // uuid
    [InlineData("sqlite", "uuid", "1B4E28BA-2FA1-11D2-883F-0016D3CCA427", "[\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"]")]
    [InlineData("postgres", "uuid", "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "[Guid(1b4e28ba-2fa1-11d2-883f-0016d3cca427)]")]
    [InlineData("mysql", "uuid", "1b4e28ba2fa111d2883f0016d3cca427", "[\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"]")]
    // decimal
    [InlineData("sqlite", "decimal", "12.50", "[\"12.50\"]")]
    [InlineData("sqlite", "decimal", "1E+40", "[\"1E+40\"]")]
    [InlineData("postgres", "decimal", "12.50", "[UntypedText(12.50)]")]
    [InlineData("postgres", "decimal", "123456789012345678901234567890.123456789", "[UntypedText(123456789012345678901234567890.123456789)]")]
    [InlineData("postgres", "decimal", 3L, "[Decimal(3)]")]
    [InlineData("mysql", "decimal", 3L, "[Decimal(3)]")]
    [InlineData("mysql", "decimal", "1E+2", "[Decimal(100)]")]
    // MySQL: past System.Decimal's 28 digits the exact text is bound (DECIMAL(65, 30) converts it exactly)
    [InlineData("mysql", "decimal", "1E+40", "[\"1E+40\"]")]
    [InlineData("mysql", "decimal", "-0.000000000000000000000000000001", "[\"-0.000000000000000000000000000001\"]")]
    [InlineData("mysql", "decimal", "0.1000000000000000000000000000", "[Decimal(0.1000000000000000000000000000)]")]
    [InlineData("mysql", "decimal", "12345678901234567890.123456789012345", "[\"12345678901234567890.123456789012345\"]")]
    public void Converts(string dialect, string kind, object wire, string expected)
    {
        var value = Dialect(dialect).ToDbValue(wire, Spec(kind), "col");
        Assert.Equal(expected, ParamFormatter.Format([value]));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public void NullIsNullForEveryKind(string dialect)
    {
        foreach (var kind in Enum.GetValues<ColumnTypeKind>())
        {
            Assert.Null(Dialect(dialect).ToDbValue(null, new ColumnType(kind), "col"));
        }
    }

    [Fact]
    public void BytesPassThrough()
    {
        var bytes = new byte[] { 1, 2, 3 };
        Assert.Same(bytes, SqliteDialect.Instance.ToDbValue(bytes, Spec("bytes"), "col"));
        Assert.Same(bytes, PostgresDialect.Instance.ToDbValue(bytes, Spec("bytes"), "col"));
    }

    [Fact]
    public void UntypedValuesBindByWireType()
    {
        Assert.Equal(1L, SqliteDialect.Instance.ToDbValue(true, null));
        Assert.Equal(true, PostgresDialect.Instance.ToDbValue(true, null));
        Assert.Equal(7L, MySqlDialect.Instance.ToDbValue(7L, null));
        Assert.Equal("x", MySqlDialect.Instance.ToDbValue("x", null));
    }

    [Fact]
    public void PostgresArraysBecomeTypedArrays()
    {
        var ints = new ColumnType(ColumnTypeKind.Array) { Item = new ColumnType(ColumnTypeKind.Int64) };
        Assert.Equal(new long?[] { 1, null, 3 }, PostgresDialect.Instance.ToDbValue("[1, null, 3]", ints, "col"));
        var decimals = new ColumnType(ColumnTypeKind.Array) { Item = new ColumnType(ColumnTypeKind.Decimal) };
        Assert.Equal(new UntypedText("{1.10,NULL,2,123456789012345678901234567890.5}"), PostgresDialect.Instance.ToDbValue("[\"1.10\", null, 2, \"123456789012345678901234567890.5\"]", decimals, "col"));
        var uuids = new ColumnType(ColumnTypeKind.Array) { Item = new ColumnType(ColumnTypeKind.Uuid) };
        Assert.Equal(new Guid?[] { SampleGuid }, PostgresDialect.Instance.ToDbValue("[\"" + SampleGuid + "\"]", uuids, "col"));
        Assert.Equal("[1, 2]", SqliteDialect.Instance.ToDbValue("[1, 2]", ints, "col"));
        Assert.Equal("[1, 2]", MySqlDialect.Instance.ToDbValue("[1, 2]", ints, "col"));
    }

    [Theory]
    [InlineData("sqlite", "int64", "abc")]
    [InlineData("postgres", "int64", 1.5)]
    [InlineData("mysql", "int64", true)]
    [InlineData("sqlite", "float64", "1.5")]
    [InlineData("postgres", "bool", 2L)]
    [InlineData("mysql", "string", 5L)]
    [InlineData("sqlite", "bytes", "abc")]
    [InlineData("sqlite", "datetime", "2024-13-01T00:00:00")]
    [InlineData("postgres", "datetime", "2024-01-01T00:00:00+01:00")]
    [InlineData("postgres", "datetime", "yesterday")]
    [InlineData("sqlite", "datetime_tz", "2024-01-01T00:00:00")]
    [InlineData("mysql", "date", "2023-02-29")]
    [InlineData("sqlite", "time", "25:00:00")]
    [InlineData("sqlite", "time", "10:00:00+02:00")]
    [InlineData("postgres", "uuid", "not-a-uuid")]
    [InlineData("sqlite", "decimal", "12,5")]
    [InlineData("postgres", "decimal", "NaN")]
    [InlineData("postgres", "decimal", "1e")]
    [InlineData("mysql", "decimal", "NaN")]
    [InlineData("mysql", "float64", double.PositiveInfinity)]
    [InlineData("mysql", "float64", double.NaN)]
    [InlineData("mysql", "decimal", "-Infinity")]
    [InlineData("postgres", "array", "{1,2}")]
    public void BadValuesAreValueConversionErrors(string dialect, string kind, object wire)
    {
        var e = Assert.ThrowsAny<OxydeException>(() => Dialect(dialect).ToDbValue(wire, Spec(kind), "col"));
        Assert.Equal(ErrorCode.ValueConversion, e.Code);
        Assert.Equal("col", e.Details["column"]);
        Assert.Equal(kind, e.Details["kind"]);
    }

    [Fact]
    public void RendererNamesTheColumnOfABadValue()
    {
        var query = IrDocs.Parse(
            "{'proto':1,'type':'select','table':'t','columns':['id'],'column_types':{'age':{'kind':'int64'}}," +
            "'filter_tree':{'type':'condition','field':'age','op':'eq','value':'abc'}}");
        var e = Assert.ThrowsAny<OxydeException>(() => new SqlRenderer(SqliteDialect.Instance).Render(query));
        Assert.Equal(ErrorCode.ValueConversion, e.Code);
        Assert.Equal("age", e.Details["column"]);
    }

    private static SqlDialect Dialect(string name) => SqlDialects.For(GoldenTests.DialectFor(name));

    private static ColumnType Spec(string kind) => kind switch
    {
        "int64" => new(ColumnTypeKind.Int64),
        "float64" => new(ColumnTypeKind.Float64),
        "bool" => new(ColumnTypeKind.Bool),
        "string" => new(ColumnTypeKind.String),
        "bytes" => new(ColumnTypeKind.Bytes),
        "datetime" => new(ColumnTypeKind.DateTime),
        "datetime_tz" => new(ColumnTypeKind.DateTimeTz),
        "date" => new(ColumnTypeKind.Date),
        "time" => new(ColumnTypeKind.Time),
        "timedelta" => new(ColumnTypeKind.Timedelta),
        "uuid" => new(ColumnTypeKind.Uuid),
        "decimal" => new(ColumnTypeKind.Decimal),
        "json" => new(ColumnTypeKind.Json),
        "enum" => new(ColumnTypeKind.Enum),
        "array" => new(ColumnTypeKind.Array) { Item = new ColumnType(ColumnTypeKind.Int64) },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
