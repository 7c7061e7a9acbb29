using MySqlConnector;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Providers.MySql;

namespace Oxyde.Driver.Tests.MySql;

/// <summary>mysql:// and mariadb:// URLs and the TLS / charset settings, read without a server.</summary>
public sealed class MySqlUrlTests
{
    [Fact]
    public void Url_parts_and_defaults()
    {
        var location = MySqlLocation.Parse("mariadb://us%40er:p%3Ass@db.example:3307/app", new PoolSettings());
        var builder = new MySqlConnectionStringBuilder(location.ConnectionString);
        Assert.Equal("db.example", builder.Server);
        Assert.Equal(3307u, builder.Port);
        Assert.Equal("us@er", builder.UserID);
        Assert.Equal("p:ss", builder.Password);
        Assert.Equal("app", builder.Database);
        Assert.False(builder.Pooling);
        Assert.Equal(MySqlSslMode.Preferred, builder.SslMode);
        Assert.Equal("utf8mb4", location.Charset);
        Assert.Equal(3306, MySqlLocation.Parse("mysql://h/d", new PoolSettings()).Port);
    }

    [Fact]
    public void Statements_have_no_client_side_timeout()
    {
        // MySqlConnector's default (30 s) would cancel a longer statement and re-arm a timer on every row read.
        var location = MySqlLocation.Parse("mysql://h/d", new PoolSettings());
        Assert.Equal(0u, new MySqlConnectionStringBuilder(location.ConnectionString).DefaultCommandTimeout);
    }

    [Theory]
    [InlineData("disabled", MySqlSslMode.None)]
    [InlineData("preferred", MySqlSslMode.Preferred)]
    [InlineData("required", MySqlSslMode.Required)]
    [InlineData("verify_ca", MySqlSslMode.VerifyCA)]
    [InlineData("VERIFY-IDENTITY", MySqlSslMode.VerifyFull)]
    public void Ssl_modes_take_mysqls_names_from_settings_or_url(string mode, MySqlSslMode expected)
    {
        var fromSettings = MySqlLocation.Parse("mysql://h/d", new PoolSettings { SslMode = mode });
        Assert.Equal(expected, new MySqlConnectionStringBuilder(fromSettings.ConnectionString).SslMode);
        var fromUrl = MySqlLocation.Parse($"mysql://h/d?ssl_mode={mode}&ssl_ca=/ca.pem", new PoolSettings());
        var builder = new MySqlConnectionStringBuilder(fromUrl.ConnectionString);
        Assert.Equal(expected, builder.SslMode);
        Assert.Equal("/ca.pem", builder.SslCa);
    }

    [Fact]
    public void Settings_win_over_the_url()
    {
        var location = MySqlLocation.Parse(
            "mysql://h/d?ssl_mode=disabled&ssl_cert=/url.pem",
            new PoolSettings { SslMode = "required", SslClientCert = "/settings.pem", SslClientKey = "/key.pem", MysqlCollation = "utf8mb4_bin" });
        var builder = new MySqlConnectionStringBuilder(location.ConnectionString);
        Assert.Equal(MySqlSslMode.Required, builder.SslMode);
        Assert.Equal("/settings.pem", builder.SslCert);
        Assert.Equal("/key.pem", builder.SslKey);
        Assert.Equal("utf8mb4_bin", location.Collation);
    }

    [Fact]
    public void Unknown_ssl_mode_is_a_typed_error_naming_the_setting()
    {
        var error = Assert.ThrowsAny<OxydeException>(() => MySqlLocation.Parse("mysql://h/d", new PoolSettings { SslMode = "verify-full" }));
        Assert.Equal(ErrorCode.IrUnknownValue, error.Code);
        Assert.Equal("ssl_mode", error.Details["setting"]);
    }

    [Theory]
    [InlineData("mysql://u:secret@h:notaport/d")]
    [InlineData("mysql://u:secret@h:70000/d")]
    [InlineData("mysql://u:secret@/d")]
    [InlineData("mysql://u:secret@h/d?sslmod=required")]
    [InlineData("mysql://u:secret@h/d?connect_timeout=x")]
    public void Bad_urls_are_invalid_url_without_the_password(string url)
    {
        var error = Assert.ThrowsAny<OxydeException>(() => MySqlLocation.Parse(url, new PoolSettings()));
        Assert.Equal(ErrorCode.InvalidUrl, error.Code);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Details["url"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_charset_other_than_utf8_is_refused_and_names_are_checked()
    {
        var charset = Assert.ThrowsAny<OxydeException>(() => MySqlLocation.Parse("mysql://h/d", new PoolSettings { MysqlCharset = "latin1" }));
        Assert.Equal(ErrorCode.UnsupportedFeature, charset.Code);
        var injected = Assert.ThrowsAny<OxydeException>(() => MySqlLocation.Parse("mysql://h/d", new PoolSettings { MysqlCollation = "x; DROP TABLE t" }));
        Assert.Equal(ErrorCode.IrUnknownValue, injected.Code);
        Assert.Equal("mysql_collation", injected.Details["setting"]);
    }

    [Theory]
    [InlineData("SELECT 1", false)]
    [InlineData("SELECT 1;", false)]
    [InlineData("SELECT 1;  -- done\n", false)]
    [InlineData("SELECT ';' AS a; # trailing comment", false)]
    [InlineData("SELECT `a;b` FROM t /* ; */", false)]
    [InlineData("SELECT 'it\\'s; fine'", false)]
    [InlineData("SELECT 1; SELECT 2", true)]
    [InlineData("INSERT INTO t VALUES (1);DELETE FROM t", true)]
    [InlineData("SELECT 1; 'x'", true)]
    public void Splitter_finds_a_second_statement(string sql, bool expected) =>
        Assert.Equal(expected, MySqlStatementSplitter.HoldsMoreThanOne(sql));
}
