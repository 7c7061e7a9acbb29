using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary>A column using an enum (<c>{"table":...,"field":{...}}</c>), its field holding the enum's new values: MySQL rewrites its ENUM(...) list.</summary>
internal sealed record EnumFieldRef(string Table, SchemaField Field);
