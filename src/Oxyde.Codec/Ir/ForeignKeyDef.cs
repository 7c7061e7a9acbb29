namespace Oxyde.Codec.Ir;

/// <summary>A foreign key of <c>create_table</c>; name defaults to <c>fk_{table}_{column}</c> on the Python side.</summary>
internal sealed record ForeignKeyDef(
    string Name,
    ValueList<string> Columns,
    string RefTable,
    ValueList<string> RefColumns,
    ReferentialAction OnDelete,
    ReferentialAction OnUpdate);
