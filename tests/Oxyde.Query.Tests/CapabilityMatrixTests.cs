using System.Globalization;
using System.Text;
using Oxyde.Codec.Ir;
using Oxyde.Query.Dialects;

namespace Oxyde.Query.Tests;

/// <summary>
/// docs/dialects.md's capability table against the dialect classes: each row that names a dialect
/// member must say what the member answers, per database (columns PostgreSQL, SQLite, MySQL/MariaDB).
/// </summary>
public sealed class CapabilityMatrixTests
{
    private static readonly SqlDialect[] Columns = [PostgresDialect.Instance, SqliteDialect.Instance, MySqlDialect.Instance];

    private static readonly Dictionary<string, string[]> Rows = ReadTable("## Capabilities");

    private static readonly Dictionary<string, string[]> MigrationRows = ReadTable("## Migration DDL");

    [Fact]
    public void Every_backend_has_a_provider()
    {
        Assert.All(Row("provider in the engine"), cell => Assert.StartsWith("yes", cell, StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_limits_are_the_dialects_MaxBindParameters()
    {
        var cells = Row("bind limit per statement");
        for (var i = 0; i < Columns.Length; i++)
        {
            Assert.Equal(Columns[i].MaxBindParameters.ToString(CultureInfo.InvariantCulture), cells[i]);
        }
    }

    [Fact]
    public void Identifier_quotes_and_placeholders_are_what_the_dialects_write()
    {
        var quotes = Row("identifier quote");
        var placeholders = Row("placeholder");
        for (var i = 0; i < Columns.Length; i++)
        {
            Assert.Contains(Columns[i].QuoteIdentifier("x"), quotes[i], StringComparison.Ordinal);
            var first = new StringBuilder();
            Columns[i].AppendParameter(first, 1);
            Assert.StartsWith("`" + first, placeholders[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Returning_says_yes_exactly_where_the_dialect_has_it()
    {
        var cells = Row("RETURNING");
        for (var i = 0; i < Columns.Length; i++)
        {
            Assert.Equal(Columns[i].SupportsReturning, cells[i].StartsWith("yes", StringComparison.Ordinal));
        }

        // The MySQL column describes both MySQL 8 (emulated) and MariaDB (insert natively).
        Assert.False(MySqlDialect.Instance.SupportsInsertReturning);
        Assert.True(MariaDbDialect.Instance.SupportsInsertReturning);
        Assert.False(MariaDbDialect.Instance.SupportsReturning);
        Assert.Contains("MariaDB 10.5+: insert natively, update emulated", cells[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Index_rows_follow_the_dialect_flags()
    {
        var ifNotExists = Row("`CREATE INDEX IF NOT EXISTS`");
        Assert.StartsWith("yes", ifNotExists[0], StringComparison.Ordinal);
        Assert.StartsWith("yes", ifNotExists[1], StringComparison.Ordinal);
        Assert.True(PostgresDialect.Instance.SupportsCreateIndexIfNotExists && SqliteDialect.Instance.SupportsCreateIndexIfNotExists);
        Assert.StartsWith("MariaDB: yes. MySQL 8 rejects it", ifNotExists[2], StringComparison.Ordinal);
        Assert.False(MySqlDialect.Instance.SupportsCreateIndexIfNotExists);
        Assert.True(MariaDbDialect.Instance.SupportsCreateIndexIfNotExists);

        var partial = Row("partial index");
        for (var i = 0; i < Columns.Length; i++)
        {
            Assert.Equal(Columns[i].SupportsPartialIndexes, !partial[i].StartsWith("no", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Auto_increment_keys_are_what_the_dialects_write()
    {
        var cells = Row("auto-increment PK");
        for (var i = 0; i < Columns.Length; i++)
        {
            var sql = new StringBuilder();
            Columns[i].AppendAutoIncrementPrimaryKey(sql, new ColumnType(ColumnTypeKind.Int64));
            Assert.Equal("`" + sql + "`", cells[i]);
        }
    }

    [Fact]
    public void Migration_rebuilds_happen_exactly_where_the_dialect_cannot_alter_in_place()
    {
        var alter = RowOf(MigrationRows, "alter column");
        var rebuild = RowOf(MigrationRows, "table rebuild");
        var dropForeignKey = RowOf(MigrationRows, "add / drop foreign key");
        for (var i = 0; i < Columns.Length; i++)
        {
            Assert.Equal(!Columns[i].SupportsAlterConstraints, alter[i].StartsWith("table rebuild", StringComparison.Ordinal));
            Assert.Equal(!Columns[i].SupportsAlterConstraints, dropForeignKey[i] == "rebuild");
            Assert.Equal(Columns[i].ForeignKeyCheckSql is not null, rebuild[i].Contains("PRAGMA foreign_key_check", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Enum_storage_is_what_the_migration_table_says()
    {
        var cells = RowOf(MigrationRows, "enum types");
        for (var i = 0; i < Columns.Length; i++)
        {
            var expected = Columns[i].EnumStorage switch
            {
                EnumStorage.NativeType => "native",
                EnumStorage.ColumnType => "in the column type",
                _ => "text",
            };
            Assert.StartsWith(expected, cells[i], StringComparison.Ordinal);
        }
    }

    private static string[] Row(string label) => RowOf(Rows, label);

    private static string[] RowOf(Dictionary<string, string[]> rows, string label)
    {
        var matches = rows.Where(row => row.Key.StartsWith(label, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"docs/dialects.md has {matches.Count} capability rows starting with '{label}'");
        return matches[0].Value;
    }

    /// <summary>The rows of the table under the heading starting <paramref name="section"/>: first cell → the three database cells, trimmed.</summary>
    private static Dictionary<string, string[]> ReadTable(string section)
    {
        var path = Path.Combine(TestPaths.ProjectDir, "..", "..", "docs", "dialects.md");
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var inSection = false;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inSection = line.StartsWith(section, StringComparison.Ordinal);
                continue;
            }

            if (!inSection || !line.StartsWith("| ", StringComparison.Ordinal) || line.StartsWith("| |", StringComparison.Ordinal))
            {
                continue;
            }

            var cells = SplitCells(line);
            if (cells.Count == 4)
            {
                rows[cells[0]] = [cells[1], cells[2], cells[3]];
            }
        }

        return rows;
    }

    /// <summary>Splits a markdown row on <c>|</c> outside code spans (a cell may hold <c>`a\|b`</c>).</summary>
    private static List<string> SplitCells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var inCode = false;
        for (var i = 1; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '`')
            {
                inCode = !inCode;
            }

            if (c == '\\' && i + 1 < line.Length && line[i + 1] == '|')
            {
                cell.Append('|');
                i++;
                continue;
            }

            if (c == '|' && !inCode)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
                continue;
            }

            cell.Append(c);
        }

        return cells;
    }
}
