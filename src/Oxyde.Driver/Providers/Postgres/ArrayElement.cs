namespace Oxyde.Driver.Providers.Postgres;

/// <summary>How <see cref="PostgresArrayText"/> writes one element of a PostgreSQL array as JSON.</summary>
internal enum ArrayElement
{
    /// <summary>A JSON string (text, enums, UUIDs, dates, decimals as exact text).</summary>
    Text,

    /// <summary>A JSON number as PostgreSQL wrote it (<c>NaN</c> and <c>Infinity</c> as Python's json reads them).</summary>
    Number,

    /// <summary><c>t</c>/<c>f</c> as <c>true</c>/<c>false</c>.</summary>
    Bool,

    /// <summary>JSON text, written as is.</summary>
    Json,

    /// <summary>A timestamptz string, its <c>+HH</c> offset written <c>+HH:MM</c>.</summary>
    Instant,
}
