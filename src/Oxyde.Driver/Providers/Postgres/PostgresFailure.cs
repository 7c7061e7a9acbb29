using Npgsql;
using Oxyde.Codec.Errors;
using Oxyde.Driver.Execution;

namespace Oxyde.Driver.Providers.Postgres;

/// <summary>
/// A PostgreSQL error as its SQLSTATE, message and the names the server reported (constraint,
/// table, column, schema); <see cref="ToException"/> classifies it (<see cref="PostgresErrors"/>).
/// </summary>
internal sealed record PostgresFailure(ErrorCode Code, string? SqlState, string Message, Exception Cause)
{
    public string? Constraint { get; init; }

    public string? Table { get; init; }

    public string? Column { get; init; }

    public string? Schema { get; init; }

    public string? Detail { get; init; }

    public static PostgresFailure Of(PostgresException e) => new(PostgresErrors.Classify(e.SqlState), e.SqlState, e.MessageText, e)
    {
        Constraint = e.ConstraintName,
        Table = e.TableName,
        Column = e.ColumnName,
        Schema = e.SchemaName,
        Detail = e.Detail,
    };

    /// <summary>The connection broke (socket closed, server gone) while a statement ran.</summary>
    public static PostgresFailure Lost(Exception e) => new(ErrorCode.ConnectionLost, null, "connection to the PostgreSQL server was lost: " + e.Message, e);

    /// <summary>The error naming <paramref name="model"/> (or <paramref name="table"/>) when known.</summary>
    public OxydeException ToException(string? table = null, string? model = null)
    {
        var details = new Dictionary<string, string> { ["pg_message"] = Message };
        Add(details, "sqlstate", SqlState);
        Add(details, "constraint", Constraint);
        Add(details, "pg_table", Table);
        Add(details, "column", Column);
        Add(details, "schema", Schema);
        Add(details, "pg_detail", Detail);
        Add(details, "table", string.IsNullOrEmpty(table) ? Table : table);
        Add(details, "model", model);
        return new OxydeException(Code, ErrorSubject.Prefix(table, model, Message), details, Cause);
    }

    private static void Add(Dictionary<string, string> details, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            details[key] = value;
        }
    }
}
