using System.Data.Common;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;

namespace Oxyde.Migrate.Tests.Databases;

/// <summary>
/// A private, empty database on one engine, dropped on dispose: a SQLite file, a fresh PostgreSQL
/// schema (search_path set to it), a fresh MySQL database. <see cref="Migrate"/> runs a migration's
/// statements as the runner must (docs/native-abi.md, "Migrations"): in one transaction where DDL is
/// transactional, SQLite with foreign key enforcement off, and a row from <c>PRAGMA foreign_key_check</c>
/// fails it.
/// </summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly DbConnection _connection;
    private readonly Action _drop;

    private TestDatabase(string dialect, DbConnection connection, Action drop)
    {
        Dialect = dialect;
        _connection = connection;
        _drop = drop;
    }

    public string Dialect { get; }

    public static TestDatabase Open(string dialect)
    {
        var name = "oxyde_test_mn_" + Guid.NewGuid().ToString("N")[..10];
        switch (dialect)
        {
            case "sqlite":
                {
                    var path = Path.Combine(Path.GetTempPath(), name + ".db");
                    var connection = new SqliteConnection($"Data Source={path};Pooling=False");
                    connection.Open();
                    Run(connection, "PRAGMA foreign_keys = ON");
                    return new TestDatabase(dialect, connection, () => File.Delete(path));
                }

            case "postgres":
                {
                    var connection = new NpgsqlConnection(ServerUrls.ConnectionString(ServerUrls.Postgres.Value, null, mysql: false));
                    connection.Open();
                    Run(connection, $"CREATE SCHEMA {name}");
                    Run(connection, $"SET search_path TO {name}");
                    return new TestDatabase(dialect, connection, () => Run(connection, $"DROP SCHEMA {name} CASCADE"));
                }

            default:
                {
                    var admin = ServerUrls.ConnectionString(ServerUrls.MySql.Value, null, mysql: true);
                    using (var setup = new MySqlConnection(admin))
                    {
                        setup.Open();
                        Run(setup, $"CREATE DATABASE {name} CHARACTER SET utf8mb4");
                    }

                    var connection = new MySqlConnection(ServerUrls.ConnectionString(ServerUrls.MySql.Value, name, mysql: true));
                    connection.Open();
                    return new TestDatabase(dialect, connection, () => Run(connection, $"DROP DATABASE {name}"));
                }
        }
    }

    /// <summary>Runs one migration's statements; on failure the transaction (where there is one) rolls back and the error propagates.</summary>
    public void Migrate(IReadOnlyList<string> statements)
    {
        var transactional = Dialect != "mysql";
        if (Dialect == "sqlite")
        {
            Run(_connection, "PRAGMA foreign_keys = OFF");
        }

        try
        {
            using var transaction = transactional ? _connection.BeginTransaction() : null;
            foreach (var sql in statements)
            {
                using var command = _connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                if (sql.StartsWith("PRAGMA foreign_key_check", StringComparison.Ordinal))
                {
                    using var reader = command.ExecuteReader();
                    if (reader.Read())
                    {
                        throw new InvalidOperationException($"foreign key check failed: table {reader.GetString(0)} row {reader.GetValue(1)}");
                    }

                    continue;
                }

                command.ExecuteNonQuery();
            }

            transaction?.Commit();
        }
        finally
        {
            if (Dialect == "sqlite")
            {
                Run(_connection, "PRAGMA foreign_keys = ON");
            }
        }
    }

    public void Execute(string sql) => Run(_connection, sql);

    public object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The table's column names in order, from the engine's catalog.</summary>
    public IReadOnlyList<string> Columns(string table)
    {
        var sql = Dialect switch
        {
            "sqlite" => $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid",
            "postgres" => $"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY ordinal_position",
            _ => $"SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '{table}' ORDER BY ordinal_position",
        };
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>The user tables, sorted.</summary>
    public IReadOnlyList<string> Tables()
    {
        var sql = Dialect switch
        {
            "sqlite" => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            "postgres" => "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
            _ => "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name",
        };
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public void Dispose()
    {
        try
        {
            _drop();
        }
        finally
        {
            _connection.Dispose();
            SqliteConnection.ClearAllPools();
        }
    }

    private static void Run(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
