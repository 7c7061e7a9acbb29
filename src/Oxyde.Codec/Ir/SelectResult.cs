namespace Oxyde.Codec.Ir;

/// <summary>What a select returns: rows, a count (<c>"count": true</c>) or a boolean (<c>"exists": true</c>).</summary>
internal enum SelectResult
{
    Rows,
    Count,
    Exists,
}
