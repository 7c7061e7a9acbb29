namespace Oxyde.Codec.Tests.Support;

/// <summary>Locates the repository from the test binaries (walks up to <c>Oxyde.sln</c>).</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Oxyde.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("Oxyde.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Contract => Path.Combine(Root, "tests", "contract");
}
