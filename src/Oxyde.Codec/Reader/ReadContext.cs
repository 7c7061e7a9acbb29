using System.Text;

namespace Oxyde.Codec.Reader;

/// <summary>
/// State of one parse: the value list every value position appends to, and the shape key being built
/// (everything but the values, in wire order). One instance per document; no per-node allocations.
/// </summary>
internal sealed class ReadContext
{
    public List<object?> Values { get; } = new(16);

    public StringBuilder Shape { get; } = new(256);

    /// <summary>Appends a decoded value and returns its index in <see cref="Values"/>.</summary>
    public int AddValue(object? value)
    {
        Values.Add(value);
        return Values.Count - 1;
    }

    /// <summary>A one-character tag (which key or node the following shape text belongs to).</summary>
    public void Tag(char tag) => Shape.Append(tag);

    /// <summary>A length-prefixed name, so no name can be confused with the separators around it.</summary>
    public void Name(string name) => Shape.Append(name.Length).Append(':').Append(name);

    /// <summary>A number terminated by <c>;</c>.</summary>
    public void Number(long number) => Shape.Append(number).Append(';');

    public string BuildShapeKey() => Shape.ToString();
}
