namespace Oxyde.Codec.Ir;

/// <summary>Lookup names of a condition's <c>op</c>, parsed once; nothing downstream sees the string.</summary>
internal enum LookupKind
{
    Eq,
    Ne,
    Gt,
    Gte,
    Lt,
    Lte,
    In,
    Between,
    IsNull,
    Contains,
    IContains,
    StartsWith,
    IStartsWith,
    EndsWith,
    IEndsWith,
    IExact,
    Regex,
    IRegex,
}
