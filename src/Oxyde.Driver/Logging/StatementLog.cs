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

    /// <summary>A start timestamp for <see cref="Statement"/>; 0 (no clock read) when logging is off.</summary>
    public long Start() => Enabled ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;

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
