using Oxyde.Codec.Errors;
using Oxyde.Driver.Providers.Sqlite;

namespace Oxyde.Driver.Tests;

public sealed class ErrorClassificationTests
{
    [Theory]
    [InlineData(19, 2067, ErrorCode.UniqueViolation)]
    [InlineData(19, 1555, ErrorCode.UniqueViolation)]
    [InlineData(19, 787, ErrorCode.ForeignKeyViolation)]
    [InlineData(19, 1299, ErrorCode.NotNullViolation)]
    [InlineData(19, 275, ErrorCode.CheckViolation)]
    [InlineData(19, 19, ErrorCode.Database)]
    [InlineData(5, 5, ErrorCode.Busy)]
    [InlineData(5, 517, ErrorCode.Busy)]
    [InlineData(6, 262, ErrorCode.Busy)]
    [InlineData(1, 1, ErrorCode.Database)]
    public void Codes_map_by_number(int primary, int extended, ErrorCode expected)
    {
        Assert.Equal(expected, SqliteErrors.Classify(primary, extended));
    }
}
