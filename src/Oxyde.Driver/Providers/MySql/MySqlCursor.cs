using MessagePack;
using MySqlConnector;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Execution;

namespace Oxyde.Driver.Providers.MySql;

/// <summary>
/// One executed MySQL command read forward once through its <see cref="MySqlDataReader"/>; values go
/// to MessagePack by column kind (<see cref="MySqlRowWriter"/>). Errors raised while reading are
/// classified by <see cref="MySqlServerConnection"/>, which owns the command.
/// </summary>
internal sealed class MySqlCursor(MySqlServerConnection connection, MySqlDataReader reader) : ISqlCursor
{
    public int ColumnCount => reader.FieldCount;

    public string ColumnName(int ordinal) => reader.GetName(ordinal);

    public int WriteRows(ref MessagePackWriter writer, scoped ReadOnlySpan<ColumnTypeKind?> kinds) =>
        WriteRows(ref writer, kinds, int.MaxValue);

    public int WriteRows(ref MessagePackWriter writer, scoped ReadOnlySpan<ColumnTypeKind?> kinds, int limit)
    {
        try
        {
            return MySqlRowWriter.WriteRows(ref writer, reader, kinds, limit);
        }
        catch (Exception e) when (MySqlServerConnection.IsProviderFailure(e))
        {
            throw connection.Fail(e);
        }
    }

    public long? ReadInt64()
    {
        try
        {
            return reader.Read() ? (reader.IsDBNull(0) ? 0L : Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)) : null;
        }
        catch (Exception e) when (MySqlServerConnection.IsProviderFailure(e))
        {
            throw connection.Fail(e);
        }
    }

    public long Complete()
    {
        try
        {
            while (reader.NextResult())
            {
            }

            // RecordsAffected is -1 for a statement that reads. UseAffectedRows=false (CLIENT_FOUND_ROWS)
            // counts the rows an UPDATE matched, also those it left unchanged, as SQLite and PostgreSQL do.
            return Math.Max(0, reader.RecordsAffected);
        }
        catch (Exception e) when (MySqlServerConnection.IsProviderFailure(e))
        {
            throw connection.Fail(e);
        }
    }

    public void Dispose()
    {
        try
        {
            reader.Dispose();
        }
        catch (Exception e) when (MySqlServerConnection.IsProviderFailure(e))
        {
            // Disposing reads past unread rows; a lost connection there is remembered (the pool
            // drops the connection) but not thrown: the statement's own result was already read.
            connection.Fail(e);
        }
        finally
        {
            connection.CommandDone();
        }
    }
}
