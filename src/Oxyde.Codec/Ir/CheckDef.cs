namespace Oxyde.Codec.Ir;

/// <summary>
/// A CHECK constraint of <c>create_table</c>: <c>{"name":"chk_users_0","expression":"age >= 0"}</c>. The
/// expression is developer-authored DDL text, rendered as written; the name defaults to
/// <c>chk_{table}_{i}</c> on the Python side.
/// </summary>
internal sealed record CheckDef(string Name, string Expression);
