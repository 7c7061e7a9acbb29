using System.Globalization;

namespace Oxyde.Driver.Logging;

/// <summary>
/// <c>OXYDE_LOG=debug</c> (read when the runtime is created): one stderr line per statement,
/// <c>[oxyde.native] &lt;pool&gt; &lt;ms&gt; ms &lt;sql&gt; params=&lt;n&gt;</c>.
/// </summary>
internal sealed class StatementLog
{
    private StatementLog(bool enabled) => Enabled = enabled;

    public bool Enabled { get; }

    public static StatementLog FromEnvironment() =>
        new(string.Equals(Environment.GetEnvironmentVariable("OXYDE_LOG"), "debug", StringComparison.OrdinalIgnoreCase));

    public void Statement(string pool, TimeSpan elapsed, string sql, int parameterCount)
    {
        if (!Enabled)
        {
            return;
        }

        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[oxyde.native] {pool} {elapsed.TotalMilliseconds:0.###} ms {sql} params={parameterCount}"));
    }
}
