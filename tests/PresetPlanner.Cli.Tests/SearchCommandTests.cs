using System.Text.Json;
using System.Xml.Linq;

namespace PresetPlanner.Cli.Tests;

public class SearchCommandTests
{
    [Fact]
    public void Plan_StatsAndPareto_InJson()
    {
        JsonElement doc = Cli.Json("plan", "--stats", "--pareto", "--parallel", "2", "--format", "json", "--top", "1");

        JsonElement stats = doc.GetProperty("stats");
        Assert.Equal(doc.GetProperty("counts").GetProperty("layouts").GetInt32(), stats.GetProperty("enumerated").GetInt32());
        Assert.Equal(13L * 7 * 7 * 7 * 8 * 5 * 7 * 4 * 3 * 2, stats.GetProperty("candidates").GetInt64());  // 64 GPUs: 7 divisors, ETP 1 or TP, 5 schedules
        Assert.Equal(2, stats.GetProperty("cores").GetInt32());
        Assert.Equal(doc.GetProperty("counts").GetProperty("feasible").GetInt32(), stats.GetProperty("feasible").GetInt32());
        Assert.True(stats.GetProperty("wallSeconds").GetDouble() > 0);
        Assert.True(stats.GetProperty("configurationsPerSecond").GetDouble() > 0);
        Assert.True(stats.GetProperty("allocatedBytes").GetInt64() >= 0);
        JsonElement[] front = doc.GetProperty("paretoFront").EnumerateArray().ToArray();
        Assert.NotEmpty(front);
        for (int i = 1; i < front.Length; i++)
        {
            Assert.True(front[i].GetProperty("memory").GetProperty("total").GetDouble() >= front[i - 1].GetProperty("memory").GetProperty("total").GetDouble());
            Assert.True(front[i].GetProperty("tokensPerSecondPerGpu").GetDouble() > front[i - 1].GetProperty("tokensPerSecondPerGpu").GetDouble());
        }

        // The front ends at the fastest fitting layout; the recommendation is it or, when it is tight, a near-tie.
        double fastest = front[^1].GetProperty("tokensPerSecondPerGpu").GetDouble();
        Assert.InRange(doc.GetProperty("recommended").GetProperty("tokensPerSecondPerGpu").GetDouble(), fastest * (1 - StrategyTable.NearTie), fastest);
    }

    [Fact]
    public void Plan_StatsText_SaysWhatWasMeasured()
    {
        (int exit, string stdout, _) = Cli.Run("plan", "--stats", "--top", "1");

        Assert.Equal(0, exit);
        Assert.Matches("Search: [0-9,]+ valid layouts enumerated \\(of a cross product of 29,964,480 candidates\\), [0-9,]+ evaluated, [0-9,]+ feasible, [0-9.]+ ms on [0-9]+ core\\(s\\), [0-9,]+ layouts/s, [0-9,]+ bytes allocated \\(measured\\)", stdout);
    }

    [Fact]
    public void MinGpus_Llama405BOnH100_SmallestClusterAndItsLayout()
    {
        JsonElement answer = Cli.Json("min-gpus", "llama-3.1-405b", "--gpu", "h100-sxm", "--format", "json");
        JsonElement best = answer.GetProperty("best");
        (int exit, string text, _) = Cli.Run("min-gpus", "llama-3.1-405b", "--gpu", "h100-sxm");

        Assert.Equal(0, exit);
        Assert.Matches("trains on [0-9]+ x h100-sxm", text);
        Assert.True(best.GetProperty("fits").GetBoolean());
        int gpus = best.GetProperty("tp").GetInt32() * best.GetProperty("pp").GetInt32() * best.GetProperty("dp").GetInt32() * best.GetProperty("cp").GetInt32();
        Assert.Contains($"trains on {gpus} x h100-sxm", text, StringComparison.Ordinal);
        Assert.Equal(gpus, answer.GetProperty("gpus").GetInt32());
    }

    [Fact]
    public void MaxSeq_PrintsTheLongestSequenceAndALayout()
    {
        (int exit, string text, _) = Cli.Run("max-seq", "llama-3.1-8b", "h100x8", "--gbs", "64");

        Assert.Equal(0, exit);
        Assert.Matches("Longest sequence for Llama-3.1-8B on h100x8: [0-9,]+ tokens", text);
    }

    [Fact]
    public void Sweep_TableJsonAndSvg()
    {
        string svg = Path.Combine(Path.GetTempPath(), $"sweep-{Guid.NewGuid():N}.svg");
        try
        {
            JsonElement sweep = Cli.Json("sweep", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpus", "8..256", "--gbs", "1024", "--format", "json", "--svg", svg);

            JsonElement points = sweep.GetProperty("points");
            Assert.Equal([8, 16, 32, 64, 128, 256], points.EnumerateArray().Select(p => p.GetProperty("gpus").GetInt32()));
            Assert.All(points.EnumerateArray(), p => Assert.True(p.GetProperty("found").GetBoolean()));
            XDocument chart = XDocument.Load(svg);
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Equal(6, chart.Descendants(ns + "circle").Count());
            Assert.Single(chart.Descendants(ns + "polyline"));
        }
        finally
        {
            File.Delete(svg);
        }
    }

    [Fact]
    public void Sweep_BadRange_OneLineExit2() => Cli.AssertUsageError("--gpus: '8-64' is not a range like 8..16384", "sweep", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpus", "8-64");

    [Fact]
    public void MinGpus_WithoutGpu_OneLineExit2() => Cli.AssertUsageError("give the GPU with --gpu", "min-gpus", "llama-3.1-8b");

    [Fact]
    public void Sweep_WithACluster_RefusesInsteadOfIgnoringIt() => Cli.AssertUsageError("Unrecognized command or argument 'h100x64'", "sweep", "llama-3.1-8b", "h100x64", "--gpu", "h100-sxm");

    [Fact]
    public void MinGpus_WithAClusterOrAGpuCount_RefusesInsteadOfIgnoringThem()
    {
        Cli.AssertUsageError("Unrecognized command or argument 'h100x64'", "min-gpus", "llama-3.1-8b", "h100x64", "--gpu", "h100-sxm");
        Cli.AssertUsageError("Unrecognized command or argument '--gpus'", "min-gpus", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpus", "64");
    }

    [Fact]
    public void Sweep_AndPlan_AgreeOnTheRecommendation()
    {
        // issue 33: at 64 H100 sweep answered with the fastest (tight, ZeRO-3) layout while plan recommended ZeRO-2.
        JsonElement plan = Cli.Json("plan", "llama-3.1-70b", "h100x64", "--format", "json", "--top", "1");
        JsonElement sweep = Cli.Json("sweep", "llama-3.1-70b", "--gpu", "h100-sxm", "--gpus", "64..64", "--format", "json");

        JsonElement recommended = plan.GetProperty("recommended");
        JsonElement best = sweep.GetProperty("points")[0].GetProperty("best");
        Assert.Equal(recommended.GetProperty("strategy").GetString(), best.GetProperty("strategy").GetString());
        Assert.Equal(recommended.GetProperty("zeroStage").GetInt32(), best.GetProperty("zeroStage").GetInt32());
        Assert.Equal(recommended.GetProperty("tokensPerSecondPerGpu").GetDouble(), best.GetProperty("tokensPerSecondPerGpu").GetDouble());
        Assert.NotEqual(1, plan.GetProperty("recommendedRank").GetInt32());
    }
}
