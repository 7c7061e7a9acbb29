namespace Oxyde.Query;

/// <summary>
/// One statement ready for the provider. <see cref="Parameters"/> hold provider values
/// (<see cref="Dialects.SqlDialect.ToDbValue"/>); a null entry is SQL NULL (bind <c>DBNull.Value</c>).
/// <see cref="Plan"/> comes from the template.
/// </summary>
internal sealed record SqlStatement(string Sql, object?[] Parameters, ResultPlan Plan = ResultPlan.Affected);
