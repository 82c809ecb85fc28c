using Microsoft.Extensions.Logging;

namespace Liaison.Cli.Witness;

/// <summary>The witness's log messages.</summary>
internal static partial class WitnessTrace
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Witness {Name} ({VerifierKey}) follows {Count} logs; state in {Directory}")]
    public static partial void WitnessOpened(this ILogger logger, string name, string verifierKey, int count, string directory);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Cosigned {Origin} at size {Size}")]
    public static partial void Cosigned(this ILogger logger, string origin, long size);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Refused a checkpoint for {Origin} with {StatusCode}: {Reason}")]
    public static partial void Refused(this ILogger logger, string origin, int statusCode, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "FORK of log {Origin} ({Kind}): it signed size {PresentedSize} root {PresentedRoot}, but this witness cosigned size {CosignedSize} root {CosignedRoot}. Both checkpoints are in {ForksLog}")]
    public static partial void Fork(this ILogger logger, string origin, string kind, long presentedSize, string presentedRoot, long cosignedSize, string cosignedRoot, string forksLog);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Critical, Message = "Could not write the evidence of a fork of {Origin} to {ForksLog}")]
    public static partial void ForkNotRecorded(this ILogger logger, Exception exception, string origin, string forksLog);
}
