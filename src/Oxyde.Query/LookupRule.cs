using Oxyde.Codec.Ir;

namespace Oxyde.Query;

/// <summary>How a lookup renders: its form and, per form, the operator or the pattern transform.</summary>
internal readonly record struct LookupRule(LookupForm Form, string Operator, ParamTransform Pattern)
{
    /// <summary>Every lookup, by <see cref="LookupKind"/>: the one place that says what each one is.</summary>
    private static readonly LookupRule[] Rules = Build();

    public static LookupRule For(LookupKind kind) => Rules[(int)kind];

    private static LookupRule[] Build()
    {
        var rules = new LookupRule[Enum.GetValues<LookupKind>().Length];
        rules[(int)LookupKind.Eq] = new(LookupForm.Comparison, " = ", ParamTransform.None);
        rules[(int)LookupKind.Ne] = new(LookupForm.Comparison, " <> ", ParamTransform.None);
        rules[(int)LookupKind.Gt] = new(LookupForm.Comparison, " > ", ParamTransform.None);
        rules[(int)LookupKind.Gte] = new(LookupForm.Comparison, " >= ", ParamTransform.None);
        rules[(int)LookupKind.Lt] = new(LookupForm.Comparison, " < ", ParamTransform.None);
        rules[(int)LookupKind.Lte] = new(LookupForm.Comparison, " <= ", ParamTransform.None);
        rules[(int)LookupKind.In] = new(LookupForm.In, " IN ", ParamTransform.None);
        rules[(int)LookupKind.Between] = new(LookupForm.Between, " BETWEEN ", ParamTransform.None);
        rules[(int)LookupKind.IsNull] = new(LookupForm.IsNull, string.Empty, ParamTransform.None);
        rules[(int)LookupKind.Contains] = new(LookupForm.Pattern, string.Empty, ParamTransform.Contains);
        rules[(int)LookupKind.IContains] = new(LookupForm.Pattern, string.Empty, ParamTransform.IContains);
        rules[(int)LookupKind.StartsWith] = new(LookupForm.Pattern, string.Empty, ParamTransform.StartsWith);
        rules[(int)LookupKind.IStartsWith] = new(LookupForm.Pattern, string.Empty, ParamTransform.IStartsWith);
        rules[(int)LookupKind.EndsWith] = new(LookupForm.Pattern, string.Empty, ParamTransform.EndsWith);
        rules[(int)LookupKind.IEndsWith] = new(LookupForm.Pattern, string.Empty, ParamTransform.IEndsWith);
        rules[(int)LookupKind.IExact] = new(LookupForm.Pattern, string.Empty, ParamTransform.IExact);
        rules[(int)LookupKind.Regex] = new(LookupForm.Regex, string.Empty, ParamTransform.None);
        rules[(int)LookupKind.IRegex] = new(LookupForm.Regex, "i", ParamTransform.None);
        return rules;
    }
}

/// <summary>The SQL form of a lookup (<see cref="LookupRule"/>).</summary>
internal enum LookupForm
{
    /// <summary><c>x op ?</c>; eq/ne with NULL become IS [NOT] NULL.</summary>
    Comparison,

    /// <summary><c>x IN (?, ...)</c> or <c>x IN (SELECT ...)</c>; an empty list matches nothing.</summary>
    In,

    /// <summary><c>x BETWEEN ? AND ?</c>.</summary>
    Between,

    /// <summary><c>x IS [NOT] NULL</c> by the bool value.</summary>
    IsNull,

    /// <summary>A LIKE-style match with an escaped pattern, written by the dialect.</summary>
    Pattern,

    /// <summary>A regular expression match, written by the dialect (or unsupported).</summary>
    Regex,
}
