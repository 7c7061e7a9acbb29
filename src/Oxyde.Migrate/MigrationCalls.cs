using System.Buffers;
using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Migrate.Diff;
using Oxyde.Migrate.Json;
using Oxyde.Migrate.Sql;
using Oxyde.Query.Dialects;

namespace Oxyde.Migrate;

/// <summary>
/// The two migration verbs of the native ABI (docs/native-abi.md): MessagePack request map in, result
/// map out; failures are <see cref="OxydeException"/>s, which the export turns into error envelopes.
/// <list type="bullet">
/// <item><c>oxyde_migration_diff</c>: <c>{"old": snapshot JSON, "new": snapshot JSON}</c> → <c>{"ops": op JSON array}</c>;</item>
/// <item><c>oxyde_migration_sql</c>: <c>{"ops": op JSON array, "dialect": name}</c> → <c>{"statements": [sql, ...]}</c>.</item>
/// </list>
/// </summary>
internal static class MigrationCalls
{
    public static byte[] Diff(ReadOnlyMemory<byte> request)
    {
        var fields = ReadStrings(request, "old", "new");
        var ops = SchemaDiffer.Diff(MigrationJson.ReadSnapshot(fields[0], "old"), MigrationJson.ReadSnapshot(fields[1], "new"));
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(1);
        writer.Write("ops");
        writer.Write(MigrationJson.WriteOps(ops));
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Sql(ReadOnlyMemory<byte> request)
    {
        var fields = ReadStrings(request, "ops", "dialect");
        var dialect = Dialect(fields[1]);
        var statements = new MigrationSqlGenerator(dialect).Generate(MigrationJson.ReadOps(fields[0], "ops"));
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(1);
        writer.Write("statements");
        writer.WriteArrayHeader(statements.Count);
        foreach (var statement in statements)
        {
            writer.Write(statement);
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>sqlite</c>, <c>postgres</c> (<c>postgresql</c>), <c>mysql</c> (MySQL 8), <c>mariadb</c>.</summary>
    public static SqlDialect Dialect(string name) => name switch
    {
        "sqlite" => SqliteDialect.Instance,
        "postgres" or "postgresql" => PostgresDialect.Instance,
        "mysql" => MySqlDialect.Instance,
        "mariadb" => MariaDbDialect.Instance,
        _ => throw new OxydeException(
            ErrorCode.IrUnknownValue,
            $"unknown dialect '{name}' (sqlite, postgres, postgresql, mysql, mariadb)",
            new Dictionary<string, string> { ["key"] = "dialect", ["value"] = name }),
    };

    /// <summary>The string values of <paramref name="keys"/> in a request map that has exactly those keys.</summary>
    private static string[] ReadStrings(ReadOnlyMemory<byte> request, params string[] keys)
    {
        var values = new string?[keys.Length];
        try
        {
            var reader = new MessagePackReader(request);
            var count = reader.ReadMapHeader();
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var index = Array.IndexOf(keys, key);
                if (index < 0)
                {
                    throw Malformed($"unknown request key '{key}'", key ?? "nil");
                }

                values[index] = reader.TryReadNil() ? null : reader.ReadString();
            }
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException)
        {
            throw new OxydeException(ErrorCode.IrMalformed, "malformed MessagePack request: " + e.Message, null, e);
        }

        var result = new string[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            result[i] = values[i] ?? throw Malformed($"request is missing '{keys[i]}' (a string)", keys[i]);
        }

        return result;
    }

    private static OxydeException Malformed(string message, string key) =>
        new(ErrorCode.IrMalformed, message, new Dictionary<string, string> { ["key"] = key });
}
