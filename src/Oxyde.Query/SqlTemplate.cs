namespace Oxyde.Query;

/// <summary>One statement's SQL with its placeholders, independent of the values (cacheable per shape).</summary>
internal sealed record SqlTemplate(string Sql, ParamSlot[] Slots);
