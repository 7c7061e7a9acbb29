using Npgsql;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Providers.Postgres;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests.Postgres;

/// <summary>PostgreSQL URLs and pool settings read into Npgsql's settings (no server needed).</summary>
public sealed class PostgresLocationTests
{
    [Fact]
    public void Reads_user_password_host_port_database_and_parameters()
    {
        var builder = PostgresLocation.Parse("postgresql://us%40er:p%3Ass@db.example:6543/my%20db?sslmode=verify-full&application_name=app&connect_timeout=7", new PoolSettings());
        Assert.Equal("us@er", builder.Username);
        Assert.Equal("p:ss", builder.Password);
        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("my db", builder.Database);
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("app", builder.ApplicationName);
        Assert.False(builder.Pooling);
        Assert.Equal(PostgresPool.DefaultStatementCacheCapacity, builder.MaxAutoPrepare);
    }

    [Fact]
    public void Postgres_scheme_ipv6_and_defaults()
    {
        var builder = PostgresLocation.Parse("postgres://[::1]/db", new PoolSettings());
        Assert.Equal("::1", builder.Host);
        Assert.Equal(5432, builder.Port);
        Assert.Equal("db", builder.Database);
    }

    [Fact]
    public void Pool_settings_win_over_the_url()
    {
        var settings = new PoolSettings
        {
            SslMode = "require", SslRootCert = "/ca.pem", SslClientCert = "/c.pem", SslClientKey = "/k.pem",
            PgApplicationName = "svc", PgStatementCacheCapacity = 7,
        };
        var builder = PostgresLocation.Parse("postgresql://u@h/d?sslmode=disable&application_name=url", settings);
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal("/ca.pem", builder.RootCertificate);
        Assert.Equal("/c.pem", builder.SslCertificate);
        Assert.Equal("/k.pem", builder.SslKey);
        Assert.Equal("svc", builder.ApplicationName);
        Assert.Equal(7, builder.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("postgresql://h:99999/d")]
    [InlineData("postgresql://h:x/d")]
    [InlineData("postgresql://h/d?nosuch=1")]
    [InlineData("postgresql://[::1/d")]
    [InlineData("postgresql://h/d?connect_timeout=soon")]
    public void Bad_urls_are_invalid_url_errors(string url)
    {
        var error = Assert.ThrowsAny<OxydeException>(() => PostgresLocation.Parse(url, new PoolSettings()));
        Assert.Equal(ErrorCode.InvalidUrl, error.Code);
    }

    [Theory]
    [InlineData("postgresql://h/d?sslmode=sometimes")]
    public void Unknown_ssl_mode_names_the_setting(string url)
    {
        var error = Assert.ThrowsAny<OxydeException>(() => PostgresLocation.Parse(url, new PoolSettings()));
        Assert.Equal(ErrorCode.IrUnknownValue, error.Code);
        Assert.Equal("sslmode", error.Details["setting"]);
    }

    [Fact]
    public void A_server_that_does_not_listen_is_connection_failed_without_the_password()
    {
        using var runtime = new OxydeRuntime();
        var error = TestDatabase.Fails(ErrorCode.ConnectionFailed, () => runtime.PoolOpen(Pack(Map(
            "name", "default", "url", "postgresql://u:secret@127.0.0.1:1/d", "settings", Map("acquire_timeout", 2.0)))));
        Assert.DoesNotContain("secret", error.Details["url"], StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT 1", false)]
    [InlineData("SELECT 1;", false)]
    [InlineData("SELECT 1; -- done\n /* c */ ;", false)]
    [InlineData("SELECT ';' || \"a;\" || $$;$$ || $t$ ; $t$ || E'\\';' FROM x", false)]
    [InlineData("SELECT $1; ", false)]
    [InlineData("SELECT 1; SELECT 2", true)]
    [InlineData("/* a /* nested ; */ ; */ SELECT 1; DROP TABLE x", true)]
    public void Counts_statements_outside_literals_and_comments(string sql, bool many) =>
        Assert.Equal(many, PostgresSqlText.HoldsMoreThanOneStatement(sql));

    [Theory]
    [InlineData("BEGIN", true)]
    [InlineData(" -- c\n/* c */ start transaction", true)]
    [InlineData("commit", true)]
    [InlineData("END", true)]
    [InlineData("ROLLBACK TO SAVEPOINT x", true)]
    [InlineData("SELECT 'BEGIN'", false)]
    [InlineData("BEGINNING", false)]
    [InlineData("", false)]
    public void Recognizes_transaction_control(string sql, bool control) =>
        Assert.Equal(control, PostgresSqlText.StartsWithTransactionControl(sql));
}
