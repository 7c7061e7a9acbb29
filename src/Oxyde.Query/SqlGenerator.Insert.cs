using Oxyde.Codec.Ir;

namespace Oxyde.Query;

/// <summary>
/// INSERT: one multi-row statement per chunk, each within the dialect's bind limit, with the
/// dialect's conflict clause for an upsert. RETURNING is appended where the dialect has it; elsewhere
/// (MySQL) it is emulated by keys (SqlGenerator.Returning.cs).
/// </summary>
internal sealed partial class SqlGenerator
{
    private SqlTemplate[] Insert(SqlWriter w, InsertQuery query)
    {
        var rows = query.Rows;
        var columns = query.Columns;
        if (rows.Count == 0)
        {
            return [];
        }

        if (columns.Count == 0)
        {
            // One row per statement: DEFAULT VALUES inserts exactly one row.
            var templates = new SqlTemplate[rows.Count];
            for (var i = 0; i < templates.Length; i++)
            {
                w.Append("INSERT INTO ").Identifier(query.Table);
                dialect.AppendInsertDefaultValues(w);
                AppendReturningIfSupported(w, query.Returning);
                templates[i] = w.Finish();
            }

            return templates;
        }

        if (columns.Count > dialect.MaxBindParameters)
        {
            throw dialect.Unsupported($"insert of {columns.Count} columns (bind limit {dialect.MaxBindParameters})");
        }

        var types = new ColumnType?[columns.Count];
        for (var c = 0; c < types.Length; c++)
        {
            types[c] = TypeOf(query, columns[c]);
        }

        var rowsPerChunk = dialect.MaxBindParameters / columns.Count;
        var chunks = new SqlTemplate[(rows.Count + rowsPerChunk - 1) / rowsPerChunk];
        for (var chunk = 0; chunk < chunks.Length; chunk++)
        {
            var first = chunk * rowsPerChunk;
            var end = Math.Min(first + rowsPerChunk, rows.Count);
            w.Append("INSERT INTO ").Identifier(query.Table).Append(" (").Identifiers(columns).Append(") VALUES ");
            for (var r = first; r < end; r++)
            {
                if (r > first)
                {
                    w.Append(", ");
                }

                w.Append('(');
                for (var c = 0; c < columns.Count; c++)
                {
                    if (c > 0)
                    {
                        w.Append(", ");
                    }

                    w.Parameter(new ParamSlot(rows.ValueIndex(r, c), -1, ParamTransform.None, types[c], columns[c]));
                }

                w.Append(')');
            }

            if (query.OnConflict is { } onConflict)
            {
                dialect.AppendOnConflict(w, onConflict);
            }

            AppendReturningIfSupported(w, query.Returning);
            chunks[chunk] = w.Finish();
        }

        return chunks;
    }

    private void AppendReturningIfSupported(SqlWriter w, IReadOnlyList<string> returning)
    {
        if (returning.Count > 0 && dialect.SupportsInsertReturning)
        {
            dialect.AppendReturning(w, returning);
        }
    }
}
