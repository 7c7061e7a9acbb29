namespace Oxyde.Migrate.Ops;

/// <summary>
/// One migration operation. The JSON form is Oxyde's <c>MigrationOp</c>: an object tagged by
/// <c>type</c> (<see cref="Type"/>), so a migration file written by Oxyde replays here and the reverse.
/// </summary>
internal abstract record MigrationOp
{
    /// <summary>The <c>type</c> tag: <c>create_table</c>, <c>add_column</c>, ...</summary>
    public abstract string Type { get; }
}
