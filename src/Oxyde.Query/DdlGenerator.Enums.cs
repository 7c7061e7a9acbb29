using System.Text;
using Oxyde.Codec.Ir;
using Oxyde.Query.Dialects;

namespace Oxyde.Query;

/// <summary>Enum types in migrations, by where the dialect keeps enum values (<see cref="EnumStorage"/>).</summary>
internal sealed partial class DdlGenerator
{
    /// <summary><c>CREATE TYPE "name" AS ENUM ('a', 'b')</c> where enums are types; else nothing.</summary>
    public IReadOnlyList<string> CreateEnumType(string name, IReadOnlyList<string> values)
    {
        if (dialect.EnumStorage != EnumStorage.NativeType)
        {
            return [];
        }

        var sql = new StringBuilder(96);
        sql.Append("CREATE TYPE ");
        dialect.AppendIdentifier(sql, name);
        sql.Append(" AS ENUM (");
        for (var i = 0; i < values.Count; i++)
        {
            sql.Append(i > 0 ? ", " : string.Empty);
            dialect.AppendStringLiteral(sql, values[i]);
        }

        return [sql.Append(')').ToString()];
    }

    /// <summary><c>DROP TYPE "name"</c> where enums are types; else nothing.</summary>
    public IReadOnlyList<string> DropEnumType(string name) =>
        dialect.EnumStorage == EnumStorage.NativeType ? ["DROP TYPE " + dialect.QuoteIdentifier(name)] : [];

    /// <summary>
    /// One value appended to an enum: <c>ALTER TYPE "name" ADD VALUE IF NOT EXISTS 'v'</c> where enums are
    /// types (https://www.postgresql.org/docs/current/sql-altertype.html; it cannot run inside a
    /// transaction block before PostgreSQL 12, and the new value cannot be used in the same transaction);
    /// each column using it redefined with <paramref name="columns"/>' new type where the values live in
    /// the column type; nothing where enums are text.
    /// </summary>
    public IReadOnlyList<string> AddEnumValue(string name, string value, IReadOnlyList<(string Table, ColumnDef Column)> columns)
    {
        switch (dialect.EnumStorage)
        {
            case EnumStorage.NativeType:
                var sql = new StringBuilder(96);
                sql.Append("ALTER TYPE ");
                dialect.AppendIdentifier(sql, name);
                sql.Append(" ADD VALUE IF NOT EXISTS ");
                dialect.AppendStringLiteral(sql, value);
                return [sql.ToString()];
            case EnumStorage.ColumnType:
                var statements = new List<string>(columns.Count);
                foreach (var (table, column) in columns)
                {
                    // The column as it was: the same but for the value being added.
                    var before = column with { Type = column.Type with { EnumValues = [.. (column.Type.EnumValues ?? []).Where(v => v != value)] } };
                    statements.AddRange(AlterColumn(table, before, column));
                }

                return statements;
            default:
                return [];
        }
    }
}
