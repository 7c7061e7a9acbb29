using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>A stored value rendered for an error message: storage class and value, long ones cut short.</summary>
internal static class SqliteStoredValue
{
    private const int MaxChars = 40;
    private const int MaxBytes = 20;

    public static string Describe(SqliteCursor cursor, int ordinal, int storage) => storage switch
    {
        SqliteNative.Integer => "INTEGER " + cursor.Int64(ordinal).ToString(CultureInfo.InvariantCulture),
        SqliteNative.Float => "REAL " + cursor.Double(ordinal).ToString("R", CultureInfo.InvariantCulture),
        SqliteNative.Text => "TEXT " + Text(cursor.Bytes(ordinal)),
        _ => "BLOB " + Hex(cursor.Bytes(ordinal)),
    };

    /// <summary>Quoted text when it is UTF-8, else its bytes in hex.</summary>
    private static string Text(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            return Hex(utf8);
        }

        var text = Encoding.UTF8.GetString(utf8);
        return text.Length <= MaxChars ? $"'{text}'" : $"'{text[..MaxChars]}...' ({text.Length} chars)";
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => bytes.Length <= MaxBytes
        ? $"X'{Convert.ToHexString(bytes)}'"
        : $"X'{Convert.ToHexString(bytes[..MaxBytes])}...' ({bytes.Length} bytes)";
}
