using System.Text;
using Oxyde.Codec.Errors;
using Oxyde.Migrate.Json;
using Oxyde.Migrate.Sql;

namespace Oxyde.Migrate.Tests;

/// <summary>
/// Every <c>Cases/&lt;case&gt;.json</c> (a JSON array of ops) rendered per dialect and compared with
/// <c>Golden/&lt;dialect&gt;/&lt;case&gt;.sql</c> (statements separated by <c>;</c> lines), or <c>.error</c>
/// for an unsupported feature. <c>OXYDE_UPDATE_GOLDEN=1</c> rewrites the goldens (<c>make golden</c>);
/// otherwise a missing golden fails.
/// </summary>
public sealed class GoldenDdlTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("OXYDE_UPDATE_GOLDEN") == "1";

    public static readonly string[] Dialects = ["postgres", "sqlite", "mysql"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        var files = Directory.GetFiles(TestPaths.CasesDir, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var dialect in Dialects)
            {
                data.Add(dialect, Path.GetFileNameWithoutExtension(file));
            }
        }

        return data;
    }

    /// <summary>The statements of a case for a dialect (the database tests run them).</summary>
    internal static IReadOnlyList<string> Render(string dialect, string caseName)
    {
        var json = File.ReadAllText(Path.Combine(TestPaths.CasesDir, caseName + ".json"));
        return new MigrationSqlGenerator(MigrationCalls.Dialect(dialect)).Generate(MigrationJson.ReadOps(json, caseName));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RendersGolden(string dialect, string caseName)
    {
        string actual, extension;
        try
        {
            actual = Format(Render(dialect, caseName));
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

    private static string Format(IReadOnlyList<string> statements)
    {
        var sb = new StringBuilder();
        foreach (var statement in statements)
        {
            sb.Append(statement).Append(";\n");
        }

        return sb.Length == 0 ? "-- no statements\n" : sb.ToString();
    }
}
