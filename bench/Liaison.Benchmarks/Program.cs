using BenchmarkDotNet.Running;

namespace Liaison.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Liaison.Benchmarks -- load</c> runs the end-to-end load benchmark;
/// <c>-- delivery [rate] [seconds]</c> the hotline's live delivery latency; <c>-- log</c> the proof and replay benchmark at scale; <c>-- replay [count]</c> every projection folded afresh from a record of that many entries; <c>-- notices [count]</c> conflict checks against standing notices; <c>-- incidents [count] [seconds]</c> listing incidents with filters through the API; anything else goes to BenchmarkDotNet (<c>-- --filter '*'</c>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "load")
        {
            return await LoadBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "delivery")
        {
            return await DeliveryBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "notices")
        {
            return await NoticeBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "incidents")
        {
            return await IncidentListBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "replay")
        {
            return await FullReplayBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "log")
        {
            return await LogScaleBenchmark.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
