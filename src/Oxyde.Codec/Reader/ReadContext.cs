namespace Oxyde.Codec.Reader;

/// <summary>
/// State of one parse: the value list every value position appends to (nodes keep indexes into it, so
/// the parsed tree is value-free and serves as its own cache key, see <see cref="Ir.IrQuery"/>).
/// </summary>
internal sealed class ReadContext
{
    public List<object?> Values { get; } = new(8);

    /// <summary>Appends a decoded value and returns its index in <see cref="Values"/>.</summary>
    public int AddValue(object? value)
    {
        Values.Add(value);
        return Values.Count - 1;
    }
}
