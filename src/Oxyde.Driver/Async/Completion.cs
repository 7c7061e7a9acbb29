namespace Oxyde.Driver.Async;

/// <summary>A finished ticket: its status and its result (or error envelope) bytes.</summary>
internal readonly record struct Completion(ulong Ticket, int Status, byte[] Result);
