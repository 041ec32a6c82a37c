using System.Text.Json;

namespace PresetPlanner.Cli.Tests;

/// <summary>
/// evaluate --run (issue 33 item 3): a Megatron-LM launch script evaluated as the run it launches, with what it does not
/// model named and what the plan's recommendation would gain.
/// </summary>
public class RunImportTests
{
    private static readonly string s_script = Path.Combine(Repository.Root, "tests", "fixtures", "launch", "llama3-70b-megatron.sh");

    [Fact]
    public void EvaluateRun_IsTheScriptsLayout_WithWhatItDoesNotModel_AndTheRecommendationBeside()
    {
        (int exit, string stdout, string stderr) = Cli.Run("evaluate", "llama-3.1-70b", "h100x64", "--run", s_script, "--no-color");
        JsonElement plan = Cli.Json("plan", "llama-3.1-70b", "h100x64", "--format", "json", "--top", "1");
        JsonElement strategy = Cli.Json("evaluate", "llama-3.1-70b", "h100x64", "--run", s_script, "--format", "json").GetProperty("strategy");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.StartsWith("Llama-3.1-70B on 64x H100 SXM (8 DGX H100 nodes): TP=8, PP=4, VP=4, DP=2, micro-batch 1, ZeRO-1, selective recomputation, sequence parallel", stdout, StringComparison.Ordinal);
        Assert.Equal(8, strategy.GetProperty("tp").GetInt32());
        Assert.Equal(4, strategy.GetProperty("vp").GetInt32());
        Assert.Contains("not modelled: --data-path; --lr; --lr-decay-style; --min-lr; --tokenizer-type.", stdout, StringComparison.Ordinal);
        string recommended = plan.GetProperty("recommended").GetProperty("strategy").GetString()!;
        Assert.Contains("Recommended here instead (plan's rules, among the layouts Megatron-LM runs): ", stdout, StringComparison.Ordinal);
        Assert.Contains($"{recommended.Split(", ")[0]} (within NVLink)", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\(\+\d+\.\d% over this run\)", stdout);
    }

    [Fact]
    public void EvaluateRun_WithLayoutFlags_IsOneUsageError() =>
        Cli.AssertUsageError("give --run or the layout flags, not both (--tp with --run)", "evaluate", "--run", s_script, "--tp", "4");

    [Fact]
    public void EvaluateRun_BadArgument_NamesTheFileAndTheFlag()
    {
        using var file = new TempFile("python pretrain_gpt.py --tensor-model-parallel-size eight --pipeline-model-parallel-size 2\n", ".sh");

        Cli.AssertUsageError(": --tensor-model-parallel-size 'eight' is not a whole number", "evaluate", "--run", file.Path);
    }

    [Fact]
    public void EvaluateRun_MegatronBridgeOverrides_AreReadAsTheirRun()
    {
        (JsonElement doc, int exit, string stdout) = Evaluate("qwen3-30b-a3b", "b200x8", "qwen3-30b-bridge.txt");

        JsonElement strategy = doc.GetProperty("strategy");
        JsonElement training = doc.GetProperty("training");
        Assert.Equal(0, exit);
        Assert.Equal(8, strategy.GetProperty("ep").GetInt32());
        Assert.Equal("mxfp8", training.GetProperty("precision").GetString());
        Assert.Equal("hybridep", training.GetProperty("dispatcher").GetString());
        Assert.Equal("partial", training.GetProperty("cudaGraphs").GetString());
        Assert.Contains("Read as Megatron-Bridge overrides; not modelled: logger.log_interval; train.train_iters.", stdout, StringComparison.Ordinal);
        JsonElement run = doc.GetProperty("run");
        Assert.Equal("megatron-bridge", run.GetProperty("framework").GetString());
        Assert.Equal(["logger.log_interval", "train.train_iters"], run.GetProperty("notModelled").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public void EvaluateRun_TorchtitanJobConfig_IsReadAsItsRun_AndComparedWithinTorchtitan()
    {
        (JsonElement doc, int exit, string stdout) = Evaluate("llama-3.1-8b", "h100x8", "llama3-8b-torchtitan.toml");

        JsonElement strategy = doc.GetProperty("strategy");
        Assert.Equal(0, exit);
        Assert.Equal(3, strategy.GetProperty("zeroStage").GetInt32());
        Assert.Equal(8, strategy.GetProperty("dp").GetInt32());
        Assert.Equal("fp8-current", doc.GetProperty("training").GetProperty("precision").GetString());
        Assert.Equal(8192, doc.GetProperty("training").GetProperty("sequenceLength").GetInt32());
        Assert.Contains("Read as a torchtitan job config; not modelled: job.description; job.dump_folder; optimizer.lr; optimizer.name; training.steps.", stdout, StringComparison.Ordinal);
        Assert.Contains("among the layouts torchtitan runs", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateRun_DeepSpeedConfig_TakesTheScriptsDegreesFromTheFlags()
    {
        string json = Path.Combine(Repository.Root, "tests", "fixtures", "launch", "llama3-70b-deepspeed.json");
        JsonElement doc = Cli.Json("evaluate", "llama-3.1-70b", "h100x64", "--run", json, "--tp", "4", "--pp", "8", "--format", "json");
        (int exit, string stdout, _) = Cli.Run("evaluate", "llama-3.1-70b", "h100x64", "--run", json, "--tp", "4", "--pp", "8", "--no-color");

        JsonElement strategy = doc.GetProperty("strategy");
        Assert.Equal(0, exit);
        Assert.Equal(2, strategy.GetProperty("dp").GetInt32());
        Assert.Equal(1, strategy.GetProperty("zeroStage").GetInt32());
        Assert.Equal("bf16", doc.GetProperty("training").GetProperty("gradientDtype").GetString());
        Assert.Contains("Read as a DeepSpeed config; not modelled: optimizer.", stdout, StringComparison.Ordinal);
        Assert.Contains("among the layouts DeepSpeed runs", stdout, StringComparison.Ordinal);
        Cli.AssertUsageError("a DeepSpeed config takes only --tp, --pp, --ep and --sp/--no-sp beside it (its script sets them), not --vp", "evaluate", "--run", json, "--tp", "4", "--pp", "8", "--vp", "2");
    }

    // The evaluation of a launch fixture as JSON, and its text with the exit code.
    private static (JsonElement Json, int Exit, string Text) Evaluate(string model, string cluster, string fixture)
    {
        string path = Path.Combine(Repository.Root, "tests", "fixtures", "launch", fixture);
        JsonElement doc = Cli.Json("evaluate", model, cluster, "--run", path, "--format", "json");
        (int exit, string stdout, _) = Cli.Run("evaluate", model, cluster, "--run", path, "--no-color");
        return (doc, exit, stdout);
    }
}
