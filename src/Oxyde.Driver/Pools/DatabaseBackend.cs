namespace Oxyde.Driver.Pools;

/// <summary>Backends a pool can speak to.</summary>
internal enum DatabaseBackend
{
    Sqlite,
    Postgres,
    MySql,
}
