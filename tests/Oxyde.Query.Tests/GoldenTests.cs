using System.Text;
using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Reader;
using Oxyde.Codec.Requests;
using Oxyde.Query.Dialects;

namespace Oxyde.Query.Tests;

/// <summary>
/// Every <c>Cases/&lt;case&gt;.json</c> rendered per dialect and compared with
/// <c>Golden/&lt;dialect&gt;/&lt;case&gt;.sql</c> (or <c>.error</c> for an unsupported feature).
/// <c>OXYDE_UPDATE_GOLDEN=1</c> rewrites the goldens; otherwise a missing golden fails.
/// </summary>
public sealed class GoldenTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("OXYDE_UPDATE_GOLDEN") == "1";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        var files = Directory.GetFiles(TestPaths.CasesDir, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var dialect in new[] { "postgres", "sqlite", "mysql" })
            {
                data.Add(dialect, Path.GetFileNameWithoutExtension(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RendersGolden(string dialect, string caseName)
    {
        var json = File.ReadAllText(Path.Combine(TestPaths.CasesDir, caseName + ".json"));
        var query = IrReader.ReadQuery(MessagePackSerializer.ConvertFromJson(json));
        var renderer = new SqlRenderer(SqlDialects.For(DialectFor(dialect)));

        string actual;
        string extension;
        try
        {
            actual = Format(renderer.Render(query));
            extension = ".sql";
        }
        catch (UnsupportedFeatureException e)
        {
            actual = "feature: " + e.Feature + "\n";
            extension = ".error";
        }

        var dir = Path.Combine(TestPaths.GoldenDir, dialect);
        var path = Path.Combine(dir, caseName + extension);
        var other = Path.Combine(dir, caseName + (extension == ".sql" ? ".error" : ".sql"));
        if (Update)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(path, actual);
            File.Delete(other);
            return;
        }

        Assert.False(File.Exists(other), $"{other} exists but the case rendered {extension}");
        Assert.True(File.Exists(path), $"missing golden {path} (run with OXYDE_UPDATE_GOLDEN=1)");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    [Fact]
    public void EveryGoldenHasACase()
    {
        foreach (var dialectDir in Directory.GetDirectories(TestPaths.GoldenDir))
        {
            foreach (var file in Directory.GetFiles(dialectDir))
            {
                var caseFile = Path.Combine(TestPaths.CasesDir, Path.GetFileNameWithoutExtension(file) + ".json");
                Assert.True(File.Exists(caseFile), $"orphan golden {file}");
            }
        }
    }

    internal static DialectName DialectFor(string name) => name switch
    {
        "postgres" => DialectName.Postgres,
        "sqlite" => DialectName.Sqlite,
        "mysql" => DialectName.MySql,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static string Format(IReadOnlyList<SqlStatement> statements)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < statements.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(";\n");
            }

            sb.Append(statements[i].Sql).Append('\n');
            sb.Append("-- params: ").Append(ParamFormatter.Format(statements[i].Parameters)).Append('\n');
        }

        return sb.ToString();
    }
}
