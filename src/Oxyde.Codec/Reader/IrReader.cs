using System.Text;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Requests;

namespace Oxyde.Codec.Reader;

/// <summary>
/// Parses request envelopes and IR documents (docs/ir-protocol.md) with <see cref="WireReader"/> over
/// the request bytes (the typed serializer fails under NativeAOT). Every bad input becomes an
/// <see cref="OxydeException"/>; no other exception type leaves this class.
/// </summary>
internal static partial class IrReader
{
    /// <summary>Deepest nesting of filter nodes, expressions, column specs and values.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most items an array or map may declare.</summary>
    public const int MaxItems = 1_000_000;

    /// <summary>Longest string or binary, in bytes.</summary>
    public const int MaxBlobBytes = 64 * 1024 * 1024;

    /// <summary>The only IR protocol version this engine speaks.</summary>
    public const int Proto = 1;

    private delegate T Body<T>(ref WireReader reader);

    /// <summary>A bare IR document (<c>{"proto":1,"type":...}</c>).</summary>
    public static IrQuery ReadQuery(ReadOnlyMemory<byte> bytes) =>
        Run(bytes, static (ref WireReader reader) => ReadDocument(ref reader, "ir"));

    /// <summary><c>{"pool", "tx", "ir"}</c>.</summary>
    public static ExecuteRequest ReadExecute(ReadOnlyMemory<byte> bytes) =>
        Run(bytes, static (ref WireReader reader) => ReadExecuteEnvelope(ref reader));

    /// <summary><c>{"dialect", "ir"}</c>.</summary>
    public static RenderRequest ReadRender(ReadOnlyMemory<byte> bytes) =>
        Run(bytes, static (ref WireReader reader) => ReadRenderEnvelope(ref reader));

    /// <summary><c>{"name", "url", "settings"}</c>.</summary>
    public static PoolOpenRequest ReadPoolOpen(ReadOnlyMemory<byte> bytes) =>
        Run(bytes, static (ref WireReader reader) => ReadPoolOpenEnvelope(ref reader));

    /// <summary><c>{"name"}</c>.</summary>
    public static PoolCloseRequest ReadPoolClose(ReadOnlyMemory<byte> bytes) =>
        Run(bytes, static (ref WireReader reader) => ReadPoolCloseEnvelope(ref reader));

    /// <summary><c>{"pool"}</c>, <c>{"tx"}</c> or <c>{"tx", "savepoint"}</c>.</summary>
    public static TransactionRequest ReadTransaction(ReadOnlyMemory<byte> bytes) =>
        Run(bytes, static (ref WireReader reader) => ReadTransactionEnvelope(ref reader));

    private static T Run<T>(ReadOnlyMemory<byte> bytes, Body<T> body)
    {
        try
        {
            var reader = new WireReader(bytes.Span);
            if (reader.End)
            {
                throw Malformed("$", "empty input");
            }

            T result = body(ref reader);
            if (!reader.End)
            {
                throw Malformed("$", "trailing bytes after the top-level map");
            }

            return result;
        }
        catch (OxydeException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // EndOfStreamException, InvalidDataException (an unexpected code), OverflowException...:
            // all mean the bytes are bad.
            throw new OxydeException(
                ErrorCode.IrMalformed,
                $"malformed MessagePack: {ex.Message}",
                new Dictionary<string, string> { ["key"] = "$" },
                ex);
        }
    }

    private static OxydeException Malformed(string key, string message) =>
        new(ErrorCode.IrMalformed, $"{key}: {message}", new Dictionary<string, string> { ["key"] = key });

    private static OxydeException Missing(string key) =>
        new(ErrorCode.IrMalformed, $"missing required key '{key}'", new Dictionary<string, string> { ["key"] = key });

    private static OxydeException WrongType(string key, string expected) =>
        new(ErrorCode.IrMalformed, $"{key}: expected {expected}", new Dictionary<string, string> { ["key"] = key });

    /// <summary>An unknown enum token, reported as sent (decoded leniently; empty when longer than 32 bytes).</summary>
    private static OxydeException Unknown(string key, ReadOnlySpan<byte> token) =>
        Unknown(key, token.Length <= MaxReportedTokenBytes ? Encoding.UTF8.GetString(token) : string.Empty);

    private static OxydeException Unknown(string key, ReadOnlySpan<char> value) =>
        new(
            ErrorCode.IrUnknownValue,
            $"unknown {key} '{value}'",
            new Dictionary<string, string> { ["key"] = key, ["value"] = value.ToString() });

    /// <summary>A key this place of the document does not define (reported as sent, like an unknown token).</summary>
    private static OxydeException UnknownKey(string place, ReadOnlySpan<byte> name)
    {
        string key = name.Length <= MaxReportedTokenBytes ? Encoding.UTF8.GetString(name) : string.Empty;
        return new(
            ErrorCode.IrUnknownKey,
            $"{place}: unknown key '{key}'",
            new Dictionary<string, string> { ["key"] = key, ["place"] = place });
    }

    private static OxydeException TooLarge(string key, string message) =>
        new(ErrorCode.IrTooLarge, $"{key}: {message}", new Dictionary<string, string> { ["key"] = key });

    private static OxydeException TooDeep(string key) =>
        new(
            ErrorCode.IrTooDeep,
            $"{key}: nesting deeper than {MaxDepth}",
            new Dictionary<string, string> { ["key"] = key, ["limit"] = "64" });
}
