using System.Globalization;
using MessagePack;
using Oxyde.Codec.Errors;

namespace Oxyde.Driver.Cursors;

/// <summary><c>{"cursor": id}</c> (<c>cursor_close</c>) or <c>{"cursor": id, "rows": n}</c> (<c>cursor_fetch</c>), parsed.</summary>
internal readonly record struct CursorRequest(long Cursor, int Rows)
{
    /// <summary>Most rows one fetch may ask for (a chunk is one MessagePack buffer).</summary>
    public const int MaxRows = 1_000_000;

    /// <summary>Rows a fetch returns when it does not say.</summary>
    public const int DefaultRows = 1000;

    /// <summary>Parses the request; any other key, a missing <c>cursor</c> or a row count outside 1..<see cref="MaxRows"/> is <c>ir_malformed</c>.</summary>
    public static CursorRequest Read(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var reader = new MessagePackReader(bytes);
            long? cursor = null;
            var rows = DefaultRows;
            var count = reader.ReadMapHeader();
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                switch (key)
                {
                    case "cursor":
                        cursor = reader.ReadInt64();
                        break;
                    case "rows":
                        var asked = reader.ReadInt64();
                        if (asked is < 1 or > MaxRows)
                        {
                            throw Malformed("rows", string.Create(CultureInfo.InvariantCulture, $"a fetch takes 1 to {MaxRows} rows, not {asked}"));
                        }

                        rows = (int)asked;
                        break;
                    default:
                        throw Malformed(key ?? "$", $"unknown key '{key}'");
                }
            }

            if (!reader.End)
            {
                throw Malformed("$", "trailing bytes after the top-level map");
            }

            return new CursorRequest(cursor ?? throw Malformed("cursor", "request is missing 'cursor'"), rows);
        }
        catch (OxydeException)
        {
            throw;
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException or InvalidOperationException)
        {
            throw Malformed("$", e.Message);
        }
    }

    private static OxydeException Malformed(string key, string message) => new(
        ErrorCode.IrMalformed, message, new Dictionary<string, string> { ["key"] = key });
}
