namespace Oxyde.Query.Dialects;

/// <summary>
/// A parameter sent as text of no declared type, which the server reads as the type its place in
/// the statement expects (PostgreSQL's <c>unknown</c>-typed parameter,
/// https://www.postgresql.org/docs/current/typeconv-overview.html). PostgreSQL binds exact decimal
/// text this way, so NUMERIC gets every digit (System.Decimal holds 28).
/// </summary>
internal sealed record UntypedText(string Value)
{
    public override string ToString() => Value;
}
