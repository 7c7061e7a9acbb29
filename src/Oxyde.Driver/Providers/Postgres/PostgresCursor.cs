using MessagePack;
using Npgsql;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Execution;
using Oxyde.Query;

namespace Oxyde.Driver.Providers.Postgres;

/// <summary>
/// One statement on a <see cref="PostgresConnector"/>, executed on first use: the column kinds the
/// executor passes to <see cref="WriteRows"/> decide which columns come back in PostgreSQL's text
/// format (exact decimals, enums, JSON, arrays, columns without a kind) and which in binary
/// (numbers, bools, bytes, date/time, UUID), before the statement is sent. Raw SQL reads every
/// column as text and converts numbers, bools and bytea by the server's type
/// (<see cref="PostgresRowWriter"/>).
/// </summary>
internal sealed class PostgresCursor(PostgresConnector connector, SqlStatement statement, bool raw) : ISqlCursor
{
    private NpgsqlCommand? _command;
    private NpgsqlDataReader? _reader;

    public int ColumnCount => Reader(null).FieldCount;

    public string ColumnName(int ordinal) => Reader(null).GetName(ordinal);

    public int WriteRows(ref MessagePackWriter writer, scoped ReadOnlySpan<ColumnTypeKind?> kinds) =>
        WriteRows(ref writer, kinds, int.MaxValue);

    public int WriteRows(ref MessagePackWriter writer, scoped ReadOnlySpan<ColumnTypeKind?> kinds, int limit)
    {
        var reader = Reader(raw ? null : TextColumns(kinds));
        try
        {
            return PostgresRowWriter.WriteRows(ref writer, reader, kinds, raw, limit);
        }
        catch (Exception e) when (connector.Failed(e) is { } failure)
        {
            throw failure;
        }
    }

    public long? ReadInt64()
    {
        var reader = Reader(null);
        try
        {
            return reader.Read() ? PostgresRowWriter.Int64(reader, 0) : null;
        }
        catch (Exception e) when (connector.Failed(e) is { } failure)
        {
            throw failure;
        }
    }

    public long Complete()
    {
        var reader = Reader(null);
        try
        {
            while (reader.Read())
            {
            }

            while (reader.NextResult())
            {
            }

            // Npgsql sums the rows of INSERT/UPDATE/DELETE/MERGE (not SELECT); -1 when none ran (DDL).
            return Math.Max(0, reader.RecordsAffected);
        }
        catch (Exception e) when (connector.Failed(e) is { } failure)
        {
            throw failure;
        }
    }

    public void Dispose()
    {
        try
        {
            // Disposing reads past the rows left; a lost connection or an error in them is already
            // reported (or the statement's error is on its way out), so it is not raised again.
            _reader?.Dispose();
        }
        catch (Exception e) when (connector.Failed(e) is not null || e is InvalidOperationException)
        {
        }
        finally
        {
            connector.Stopped();
            _command?.Dispose();
        }
    }

    /// <summary>Which columns to ask for as text: the kinds whose exact form is PostgreSQL's text output.</summary>
    private static bool[] TextColumns(ReadOnlySpan<ColumnTypeKind?> kinds)
    {
        var text = new bool[kinds.Length];
        for (var i = 0; i < kinds.Length; i++)
        {
            text[i] = PostgresRowWriter.ReadsAsText(kinds[i]);
        }

        return text;
    }

    private NpgsqlDataReader Reader(bool[]? textColumns)
    {
        if (_reader is { } reader)
        {
            return reader;
        }

        _command = connector.Command(statement.Sql, statement.Parameters);
        try
        {
            // An empty list means every column in binary, Npgsql's default.
            _reader = connector.Start(_command, textColumns is { Length: > 0 } ? textColumns : null, allText: raw);
            return _reader;
        }
        catch (Exception e) when (connector.Failed(e) is { } failure)
        {
            throw failure;
        }
    }
}
