using System.Text.Json;

namespace PresetPlanner.Cli.Tests;

/// <summary>
/// The MoE runtime on the command line (issue 32 item 3): an MoE model's unstated dispatcher, CUDA graphs and overlap
/// come from its GPU's newest Megatron-Bridge recipe, each flag overrides its part, the runtime is printed, and the
/// plan's reasons rank it among the GPU's runtimes on the recommended layout.
/// </summary>
public class MoeRuntimeOutputTests
{
    // Megatron-Bridge 26.08's Qwen3-235B-A22B layout on 256 GB200 (published 7,280 tokens/s per GPU).
    private static readonly string[] s_qwen = ["evaluate", "qwen3-235b-a22b", "gb200-nvl72-256", "--tp", "1", "--pp", "8", "--vp", "3", "--ep", "32",
        "--gbs", "8192", "--precision", "mxfp8", "--recompute", "none", "--expandable-segments", "--format", "json"];

    private static JsonElement Evaluate(params string[] extra) => Cli.Json([.. s_qwen, .. extra]);

    private static double Tokens(JsonElement evaluation) => evaluation.GetProperty("strategy").GetProperty("tokensPerSecondPerGpu").GetDouble();

    [Fact]
    public void Evaluate_MoeOnGb200_DefaultsToTheRecipesRuntime_AndEachFlagOverridesIt()
    {
        JsonElement byDefault = Evaluate();
        JsonElement recipe = Evaluate("--dispatcher", "hybridep", "--cuda-graphs", "full", "--overlap-moe-comm");
        JsonElement core = Evaluate("--dispatcher", "alltoall", "--cuda-graphs", "none", "--no-overlap-moe-comm");

        JsonElement settings = byDefault.GetProperty("training");
        Assert.Equal("hybridep", settings.GetProperty("dispatcher").GetString());
        Assert.Equal("full", settings.GetProperty("cudaGraphs").GetString());
        Assert.True(settings.GetProperty("overlapMoeCommunication").GetBoolean());
        Assert.Equal(Tokens(recipe), Tokens(byDefault));
        Assert.InRange(Tokens(byDefault) / Tokens(core), 1.5, 2.5);
        Assert.Equal("alltoall", Evaluate("--dispatcher", "alltoall").GetProperty("training").GetProperty("dispatcher").GetString());
        Assert.False(Evaluate("--no-overlap-moe-comm").GetProperty("training").GetProperty("overlapMoeCommunication").GetBoolean());
    }

    [Fact]
    public void Evaluate_DenseModel_KeepsMegatronCoresDefaults()
    {
        JsonElement training = Cli.Json("evaluate", "llama-3.1-8b", "gb200-nvl72-64", "--tp", "1", "--pp", "1", "--format", "json").GetProperty("training");

        Assert.Equal("alltoall", training.GetProperty("dispatcher").GetString());
        Assert.Equal("none", training.GetProperty("cudaGraphs").GetString());
        Assert.False(training.GetProperty("overlapMoeCommunication").GetBoolean());
    }

    [Fact]
    public void Evaluate_Text_NamesTheRuntime_AndAnOverlapThatCannotRun()
    {
        (int exit, string stdout, _) = Cli.Run("evaluate", "qwen3-235b-a22b", "gb200-nvl72-256", "--tp", "1", "--pp", "8", "--ep", "32", "--gbs", "8192", "--precision", "mxfp8", "--no-color");

        Assert.Equal(0, exit);
        Assert.Contains("MoE runtime: hybridep dispatcher, full CUDA graphs, all-to-all overlapped, dropless (the overlap does not run here", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Reasons_RankTheRuntimeAgainstTheGpusOthers()
    {
        JsonElement plan = Cli.Json("plan", "qwen3-30b-a3b", "gb200-nvl72x8", "--precision", "mxfp8", "--format", "json");

        string reason = Assert.Single(plan.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!), r => r.StartsWith("MoE runtime", StringComparison.Ordinal));
        Assert.Contains("hybridep dispatcher, full CUDA graphs, all-to-all overlapped, dropless (this GPU's Megatron-Bridge recipe)", reason, StringComparison.Ordinal);
        Assert.Contains("of the 36 runtimes this GPU runs", reason, StringComparison.Ordinal);
        Assert.Contains("Megatron-Core's defaults (alltoall dispatcher, no CUDA graphs, no overlap, dropless) reach", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlapAndNoOverlap_Together_AreOneUsageError() =>
        Cli.AssertUsageError("--overlap-moe-comm and --no-overlap-moe-comm contradict each other", [.. s_qwen, "--overlap-moe-comm", "--no-overlap-moe-comm"]);
}
