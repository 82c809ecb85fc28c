using System.CommandLine;
using System.Text.Json;
using Liaison.Cli.Client;
using Liaison.Ledger.Conformance;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison conformance DIR</c>: runs every test vector file under DIR (kinds merkle/*, note/*, checkpoint/*, ed25519/*)
/// against this build, prints counts per file, and ends with <c>N passed, N failed</c>; exits 1 if any case failed.
/// </summary>
public static class ConformanceCommand
{
    public static Command Create(CliContext context, CliApp.GlobalOptions globals)
    {
        var directory = new Argument<string>("dir") { Description = "A folder of vector files" };
        var verbose = new Option<bool>("--verbose") { Description = "Print every failing case" };
        var command = new Command("conformance", "Check this build against test vector files") { directory, verbose };
        command.SetAction(async (parse, _) =>
        {
            var path = parse.GetValue(directory)!;
            if (!Directory.Exists(path))
            {
                throw new CliFailure($"there is no folder {path}.", ExitCodes.Usage);
            }

            var report = ConformanceRunner.Run(path);
            if (parse.GetValue(globals.Json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(report, JsonSerializerOptions.Web));
                return report.Failed == 0 && report.Skipped.Count == 0 && report.Total > 0 ? ExitCodes.Ok : ExitCodes.Failed;
            }

            foreach (var file in report.Files)
            {
                var line = file.Error is null
                    ? $"{file.Path} [{file.Kind}]: {file.Passed} passed, {file.Failed} failed"
                    : $"{file.Path}: not run: {file.Error}";
                await context.Out.WriteLineAsync(line);
                foreach (var failure in file.Failures.Take(parse.GetValue(verbose) ? int.MaxValue : 5))
                {
                    await context.Out.WriteLineAsync($"  FAIL {failure.CaseId}: {failure.Reason}");
                }
            }

            // An unreadable or unknown file counts as failed: a conformance run must not pass by skipping.
            var failed = report.Failed + report.Skipped.Count;
            await context.Out.WriteLineAsync($"{report.Passed} passed, {failed} failed");
            return failed == 0 && report.Total > 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
