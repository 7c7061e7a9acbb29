using Oxyde.Codec.Errors;
using Oxyde.Driver.Providers.Sqlite;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

public sealed class UrlTests
{
    [Fact]
    public void Relative_path_is_resolved_against_the_working_directory()
    {
        var location = SqliteLocation.Parse("sqlite://app.db");
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "app.db"), location.Path);
        Assert.False(location.InMemory);
    }

    [Fact]
    public void Three_slashes_give_an_absolute_path()
    {
        Assert.Equal("/abs/path.db", SqliteLocation.Parse("sqlite:///abs/path.db").Path);
    }

    [Theory]
    [InlineData("sqlite::memory:")]
    [InlineData("sqlite://:memory:")]
    [InlineData("sqlite:///:memory:")]
    [InlineData("sqlite://whatever.db?mode=memory")]
    public void Memory_forms(string url)
    {
        var location = SqliteLocation.Parse(url);
        Assert.True(location.InMemory);
        Assert.Null(location.Path);
    }

    [Fact]
    public void Query_parameters_are_read_or_ignored()
    {
        var location = SqliteLocation.Parse("sqlite:///tmp/x.db?mode=ro&cache=private");
        Assert.Equal("/tmp/x.db", location.Path);
        Assert.True(location.ReadOnly);
    }

    [Fact]
    public void Missing_directory_fails_to_connect_naming_the_path()
    {
        using var runtime = new OxydeRuntime();
        var error = TestDatabase.Fails(ErrorCode.ConnectionFailed, () =>
            runtime.PoolOpen(Pack(Map("name", "default", "url", "sqlite:///no/such/dir/app.db", "settings", Map()))));
        Assert.Equal("/no/such/dir/app.db", error.Details["path"]);
    }

    [Theory]
    [InlineData("oracle://x")]
    [InlineData("app.db")]
    [InlineData("sqlite://")]
    [InlineData("sqlite:///tmp/a\0b.db")]
    [InlineData("sqlite:///tmp/a%00b.db")]
    public void Invalid_urls(string url)
    {
        using var runtime = new OxydeRuntime();
        TestDatabase.Fails(ErrorCode.InvalidUrl, () =>
            runtime.PoolOpen(Pack(Map("name", "default", "url", url, "settings", Map()))));
    }

    [Fact]
    public void File_database_opens_in_wal_mode_and_relative_to_cwd()
    {
        var dir = Directory.CreateTempSubdirectory("oxyde-url-");
        try
        {
            using (var db = new TestDatabase($"sqlite://{dir.FullName}/app.db"))
            {
                Assert.Equal("wal", db.Rows("PRAGMA journal_mode")[0] is List<object?> row ? row[0] : null);
                Assert.Equal(1L, ((List<object?>)db.Rows("PRAGMA foreign_keys")[0]!)[0]);
            }

            Assert.True(File.Exists(Path.Combine(dir.FullName, "app.db")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
