namespace Liaison.Cli.Client;

/// <summary>A command cannot go on: the message is printed as one line on stderr and the command exits with <see cref="ExitCode"/>.</summary>
public sealed class CliFailure(string message, int exitCode = ExitCodes.Failed) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The CLI's exit codes.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}
