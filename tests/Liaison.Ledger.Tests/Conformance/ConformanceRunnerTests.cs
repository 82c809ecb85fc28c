using Liaison.Ledger.Conformance;

namespace Liaison.Ledger.Tests.Conformance;

public sealed class ConformanceRunnerTests
{
    [Fact]
    public void Run_FixtureVectors_PassesEveryCase()
    {
        var report = ConformanceRunner.Run(Vectors.Directory);

        var failures = report.Files.SelectMany(f => f.Failures.Select(x => $"{f.Path} {x.CaseId}: {x.Reason}")).ToList();
        if (failures.Count > 0)
        {
            Assert.Fail(string.Join("\n", failures));
        }

        Assert.Empty(report.Skipped);
        Assert.Equal(1261, report.Total);
        Assert.True(report.Succeeded);
    }
}
