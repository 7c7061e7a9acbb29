using Oxyde.Codec.Errors;
using Oxyde.Driver.Execution;

namespace Oxyde.Driver.Providers.Postgres;

/// <summary>An error PostgreSQL (or the broken connection to it) raised; keeps the failure so the executor can add the table and model.</summary>
internal sealed class PostgresStatementException : ProviderException
{
    public PostgresStatementException(PostgresFailure failure)
        : this(failure, failure.ToException())
    {
    }

    private PostgresStatementException(PostgresFailure failure, OxydeException shaped)
        : base(shaped.Code, shaped.Message, shaped.Details, failure.Cause)
    {
        Failure = failure;
    }

    public PostgresFailure Failure { get; }

    public override OxydeException WithSubject(string? table, string? model) => Failure.ToException(table, model);
}
