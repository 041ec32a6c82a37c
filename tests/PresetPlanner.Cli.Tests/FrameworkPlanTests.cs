using System.Text.Json;

namespace PresetPlanner.Cli.Tests;

/// <summary>
/// Plans a framework can run (issue 33 item 2): --framework, and --emit which implies it, keep only the layouts the
/// framework launches; the table says how many it left out.
/// </summary>
public class FrameworkPlanTests
{
    [Fact]
    public void PlanEmitDeepSpeed_ExportsARecommendationItsEngineLaunches()
    {
        // The seed's unrestricted recommendation (ZeRO-2 with PP 8) hits DeepSpeed's PipelineEngine assertion.
        (int exit, string json, string notes) = Cli.Run("plan", "--emit", "deepspeed");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("does not launch", notes, StringComparison.Ordinal);
        Assert.DoesNotContain("VP>1 cannot be expressed", notes, StringComparison.Ordinal);
        int stage = JsonDocument.Parse(json).RootElement.GetProperty("zero_optimization").GetProperty("stage").GetInt32();
        Assert.InRange(stage, 0, 1);
    }

    [Fact]
    public void PlanFramework_SaysWhatItLeftOut_AndTheJsonNamesTheFramework()
    {
        (int exit, string stdout, _) = Cli.Run("plan", "--framework", "torchtitan", "--top", "1");
        JsonElement doc = Cli.Json("plan", "--framework", "torchtitan", "--top", "1", "--format", "json");

        Assert.Equal(0, exit);
        Assert.Matches(@"Only layouts torchtitan runs: [\d,]+ left out \(no ZeRO-1, TP always with sequence parallelism, ETP 1 or TP\)\.", stdout);
        Assert.Equal("torchtitan", doc.GetProperty("training").GetProperty("framework").GetString());
        Assert.NotEqual(1, doc.GetProperty("recommended").GetProperty("zeroStage").GetInt32());
        Assert.Equal(JsonValueKind.Null, Cli.Json("plan", "--top", "1", "--format", "json").GetProperty("training").GetProperty("framework").ValueKind);
    }

    [Fact]
    public void EvaluateFramework_ALayoutItCannotRun_IsOneLineWithTheReason() =>
        Cli.AssertUsageError("VP 2: DeepSpeed's pipeline engine has no interleaved schedule", "evaluate", "--tp", "4", "--pp", "8", "--vp", "2", "--framework", "deepspeed");

    [Fact]
    public void SweepFramework_AnswersWithLayoutsTheFrameworkRuns()
    {
        JsonElement sweep = Cli.Json("sweep", "llama-3.1-70b", "--gpu", "h100-sxm", "--gpus", "64..128", "--framework", "deepspeed", "--format", "json");

        Assert.All(sweep.GetProperty("points").EnumerateArray(), p =>
        {
            JsonElement best = p.GetProperty("best");
            Assert.Equal(1, best.GetProperty("vp").GetInt32());
            Assert.False(best.GetProperty("zeroStage").GetInt32() >= 2 && best.GetProperty("pp").GetInt32() > 1);
        });
    }

    [Fact]
    public void UnknownFramework_OneLineExit2() =>
        Cli.AssertUsageError("--framework", "plan", "--framework", "jax");
}
