namespace Liaison.Cli.Tests;

/// <summary>What one run of the <c>liaison</c> command printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the real command line (the same entry as the executable) in this process, against a config folder.</summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(string configDirectory, string[] args, string? stdin = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? string.Empty);
        var context = new CliContext(output, error, input, configDirectory, TimeProvider.System);
        var code = await CliApp.RunAsync(args, context, TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
