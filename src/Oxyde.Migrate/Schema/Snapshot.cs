namespace Oxyde.Migrate.Schema;

/// <summary>
/// A schema snapshot (Oxyde's <c>Snapshot</c>): <c>{"version": 1, "tables": {name: table}}</c>. Enum
/// types are not listed apart: they are the <c>enum</c> column specs of the tables' fields.
/// </summary>
internal sealed record Snapshot(int Version, IReadOnlyDictionary<string, SchemaTable> Tables);
