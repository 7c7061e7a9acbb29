namespace Oxyde.Migrate.Schema;

/// <summary>A CHECK constraint (Oxyde's <c>CheckDef</c>): <c>name</c> and the SQL <c>expression</c>, written as given.</summary>
internal sealed record SchemaCheck(string Name, string Expression);
