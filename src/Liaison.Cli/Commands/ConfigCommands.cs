using System.CommandLine;
using Liaison.Cli.Client;
using Liaison.Domain.Mechanism;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison config check FILE</c>: validates a mechanism configuration and prints every problem, one per line.</summary>
public static class ConfigCommands
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The configuration file" };
        var check = new Command("check", "Validate a mechanism configuration file") { file };
        check.SetAction(async (parse, _) =>
        {
            var path = parse.GetValue(file)!;
            var result = MechanismConfigLoader.Load(path);
            if (result.IsSuccess)
            {
                var config = result.Value;

                // The zones' geometry too: a server refuses to start on a file that is not GeoJSON with a valid polygon.
                var zones = Features.Notices.ZoneFiles.Load(config);
                if (!zones.IsSuccess)
                {
                    throw new CliFailure(zones.Error.Detail);
                }

                await context.Out.WriteLineAsync($"{path}: ok — {config.Name} ({config.Id}): {config.Parties.Count} parties, {config.Tracks.Count} tracks, {config.Channels.Count} channels, {config.Zones.Count} zones, {config.Commitments.Count} commitments.");
                return ExitCodes.Ok;
            }

            if (result.Error.Extensions.TryGetValue("problems", out var problems) && problems is IReadOnlyList<ConfigProblem> list && list.Count > 0)
            {
                foreach (var problem in list)
                {
                    await context.Err.WriteLineAsync(problem.ToString());
                }

                return ExitCodes.Failed;
            }

            throw new CliFailure(result.Error.Detail);
        });
        return new Command("config", "Work with mechanism configuration files") { check };
    }
}
