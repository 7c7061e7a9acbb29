namespace Oxyde.Driver.Tests;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory(string prefix) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory(prefix);

    public string Path => _directory.FullName;

    /// <summary>The <c>sqlite://</c> URL of <paramref name="file"/> inside this directory.</summary>
    public string SqliteUrl(string file) => $"sqlite://{Path}/{file}";

    public void Dispose() => _directory.Delete(recursive: true);
}
