namespace Oxyde.Driver;

/// <summary>Statuses of every native call (docs/native-abi.md, "Call shape").</summary>
public static class RuntimeStatus
{
    /// <summary>The result is the result map.</summary>
    public const int Ok = 0;

    /// <summary>The result is an error envelope.</summary>
    public const int Error = 1;

    /// <summary>Bad arguments (null pointers, unknown runtime or verb); the result is an error envelope.</summary>
    public const int BadArguments = 2;

    /// <summary><c>oxyde_cancel</c> only: the ticket is unknown or already finished.</summary>
    public const int NotFound = 3;
}
