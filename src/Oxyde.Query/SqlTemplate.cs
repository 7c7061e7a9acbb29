namespace Oxyde.Query;

/// <summary>
/// One statement's SQL with its placeholders and what its result means (<see cref="ResultPlan"/>),
/// independent of the values (cacheable per shape).
/// </summary>
internal sealed record SqlTemplate(string Sql, ParamSlot[] Slots, ResultPlan Plan = ResultPlan.Affected);
