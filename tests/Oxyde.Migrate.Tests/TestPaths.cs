namespace Oxyde.Migrate.Tests;

/// <summary>Locates the test sources (Cases/, Golden/) by walking up to Oxyde.sln.</summary>
internal static class TestPaths
{
    public static string ProjectDir { get; } = Find();

    public static string CasesDir => Path.Combine(ProjectDir, "Cases");

    public static string GoldenDir => Path.Combine(ProjectDir, "Golden");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Oxyde.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "Oxyde.Migrate.Tests");
            }
        }

        throw new InvalidOperationException("Oxyde.sln not found above " + AppContext.BaseDirectory);
    }
}
