namespace Oxyde.Codec.Ir;

/// <summary>
/// <c>{"type":"raw","sql":"...","params":[...]}</c>: developer-written SQL (<c>RawSQL</c>) in the dialect's
/// own placeholder syntax, parenthesised where it is used; its parameters are values like any other.
/// </summary>
internal sealed record RawSqlExpr(string Sql, ValueList<int> Params) : Expr;
