namespace Oxyde.Driver.Execution;

/// <summary>A connection to a database server, as <see cref="ServerPool"/> keeps it.</summary>
internal interface IServerConnection : ISqlConnection
{
    /// <summary>When it was opened (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>), for <c>max_lifetime</c>.</summary>
    long OpenedAt { get; }

    /// <summary>Whether it still talks to the server: false once it was lost, killed or closed.</summary>
    bool IsOpen { get; }

    /// <summary>One round trip (<c>test_before_acquire</c>); false when the server does not answer.</summary>
    bool Ping();
}
