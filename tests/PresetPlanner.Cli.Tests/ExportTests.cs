using System.Text.Json;

namespace PresetPlanner.Cli.Tests;

/// <summary><c>--emit</c>: golden files per framework, the recommendation or a named row, and what a framework cannot say.</summary>
public class ExportTests
{
    // DeepSeek-V3 with most recipe settings: each framework's golden file shows what it expresses and what it notes.
    private static readonly string[] s_deepSeek =
    [
        "evaluate", "deepseek-v3", "h100x1024", "--tp", "2", "--pp", "8", "--vp", "4", "--ep", "64", "--gbs", "8192",
        "--precision", "fp8-blockwise", "--recompute", "selective", "--recompute-modules", "mla_up_proj,moe_act",
        "--dispatcher", "deepep", "--overlap-moe-comm", "--fp8-param-gather", "--grad-dtype", "bf16",
        "--optimizer", "adam-bf16-moments", "--expandable-segments",
    ];

    public static TheoryData<string, string> Frameworks() => new()
    {
        { "megatron", "sh" },
        { "megatron-bridge", "txt" },
        { "torchtitan", "toml" },
        { "deepspeed", "json" },
    };

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void Emit_SeedRecommendation_MatchesGoldenFile(string framework, string extension)
    {
        (int exit, string stdout, _) = Cli.Run("plan", "--emit", framework);
        Assert.Equal(0, exit);
        ExportBaseline.Match($"seed.{framework}.{extension}", stdout);
    }

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void Emit_DeepSeekRecipe_MatchesGoldenFile(string framework, string extension)
    {
        (int exit, string stdout, string stderr) = Cli.Run([.. s_deepSeek, "--emit", framework]);
        Assert.Equal(0, exit);
        ExportBaseline.Match($"deepseek-v3.{framework}.{extension}", stdout);
        if (framework == "deepspeed")
        {
            // JSON has no comments: what DeepSpeed's JSON cannot hold is said on stderr.
            Assert.Contains("note: TP=2 and PP=8 are set in the training script", stderr, StringComparison.Ordinal);
            Assert.Contains("note: DeepSpeed's pipeline engine has no interleaved schedule", stderr, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("# note: expandable segments", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Emit_DropAndPad_SetsTheCapacityAndPaddingFlags()
    {
        string[] qwen = ["evaluate", "qwen3-30b-a3b", "b200x8", "--tp", "1", "--pp", "1", "--ep", "8", "--drop-and-pad", "--capacity-factor", "1.25"];
        JsonElement settings = Cli.Json([.. qwen, "--format", "json"]).GetProperty("training");
        Assert.True(settings.GetProperty("dropAndPad").GetBoolean());

        (_, string megatron, _) = Cli.Run([.. qwen, "--emit", "megatron"]);
        Assert.Contains("--moe-expert-capacity-factor 1.25 \\", megatron, StringComparison.Ordinal);
        Assert.Contains("--moe-pad-expert-input-to-capacity", megatron, StringComparison.Ordinal);
        Assert.DoesNotContain("would drop tokens", megatron, StringComparison.Ordinal);
        (_, string bridge, _) = Cli.Run([.. qwen, "--emit", "megatron-bridge"]);
        Assert.Contains("model.moe_pad_expert_input_to_capacity=true", bridge, StringComparison.Ordinal);
        (_, string titan, _) = Cli.Run([.. qwen, "--emit", "torchtitan"]);
        Assert.Contains("torchtitan's MoE routes dropless", titan, StringComparison.Ordinal);

        // Without the flag the load factor is only the plan's assumption: no capacity flag is set.
        (_, string dropless, _) = Cli.Run(["evaluate", "qwen3-30b-a3b", "b200x8", "--tp", "1", "--pp", "1", "--ep", "8", "--capacity-factor", "1.25", "--emit", "megatron"]);
        Assert.DoesNotContain("--moe-expert-capacity-factor", dropless.Split("# note", 2)[0], StringComparison.Ordinal);
    }

    // Megatron-Core's activation_func_fp8_input_store (fused_bias_swiglu.py saves input.to(float8_e4m3fn)): the SwiGLU's
    // gate and up outputs are kept in 1 byte each instead of 2, in dense MLPs and experts alike; only for SwiGLU. Under
    // moe_act recomputation the activation runs in a CheckpointWithoutOutput, which keeps its BF16 input: nothing is saved.
    [Fact]
    public void ActivationFp8Store_HalvesTheSwigluInput_IsExportedWhereAFrameworkHasIt_AndNeedsSwiglu()
    {
        string[] qwen = ["evaluate", "qwen3-30b-a3b", "b200x8", "--tp", "1", "--pp", "1", "--ep", "8", "--format", "json"];
        static double Activations(JsonElement e) => e.GetProperty("strategy").GetProperty("memory").GetProperty("activations").GetDouble();
        JsonElement plain = Cli.Json(qwen);
        JsonElement stored = Cli.Json([.. qwen, "--activation-func-fp8-input-store"]);
        Assert.True(stored.GetProperty("training").GetProperty("activationFuncFp8InputStore").GetBoolean());
        double saved = Activations(plain) - Activations(stored);
        // 2 bytes less per FFN unit of each routed copy (8 x 768) and of the shared experts (none in Qwen3): 4,096 tokens
        // x 8 x 768 x 2 bytes x 48 layers.
        Assert.Equal(4096.0 * 8 * 768 * 2 * 48, saved, 1e-6 * saved);
        Assert.Equal(Activations(Cli.Json([.. qwen, "--recompute-modules", "moe_act"])), Activations(Cli.Json([.. qwen, "--recompute-modules", "moe_act", "--activation-func-fp8-input-store"])));

        string[] emit = ["evaluate", "qwen3-30b-a3b", "b200x8", "--tp", "1", "--pp", "1", "--ep", "8", "--activation-func-fp8-input-store", "--emit"];
        (_, string bridge, _) = Cli.Run([.. emit, "megatron-bridge"]);
        Assert.Contains("model.activation_func_fp8_input_store=true", bridge, StringComparison.Ordinal);
        (_, string megatron, _) = Cli.Run([.. emit, "megatron"]);
        Assert.DoesNotContain("--activation-func-fp8-input-store", megatron, StringComparison.Ordinal);
        Assert.Contains("# note: the SwiGLU input kept in FP8 has no Megatron-LM argument", megatron, StringComparison.Ordinal);
        (_, string titan, _) = Cli.Run([.. emit, "torchtitan"]);
        Assert.Contains("activation_func_fp8_input_store, with no key here", titan, StringComparison.Ordinal);

        (int exit, _, string stderr) = Cli.Run("evaluate", "bloom-176b", "--tp", "8", "--pp", "8", "--activation-func-fp8-input-store");
        Assert.Equal(2, exit);
        Assert.Contains("--activation-func-fp8-input-store is on but the model's activation is gelu", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_Plan_ExportsTheRecommendationTheTableShows()
    {
        JsonElement plan = Cli.Json("plan", "--format", "json");
        JsonElement rec = plan.GetProperty("recommended");
        (_, string megatron, _) = Cli.Run("plan", "--emit", "megatron");
        Assert.Contains($"--tensor-model-parallel-size {rec.GetProperty("tp").GetInt32()} \\", megatron, StringComparison.Ordinal);
        Assert.Contains($"--pipeline-model-parallel-size {rec.GetProperty("pp").GetInt32()} \\", megatron, StringComparison.Ordinal);
        Assert.Contains($"--context-parallel-size {rec.GetProperty("cp").GetInt32()} \\", megatron, StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_Row_ExportsThatRowOfTheTable()
    {
        JsonElement third = Cli.Json("plan", "--format", "json", "--top", "3").GetProperty("strategies")[2];
        (int exit, string toml, _) = Cli.Run("plan", "--emit", "torchtitan", "--row", "3");
        Assert.Equal(0, exit);
        Assert.Contains($"tensor_parallel_degree = {third.GetProperty("tp").GetInt32()}\n", toml, StringComparison.Ordinal);
        Assert.Contains($"pipeline_parallel_degree = {third.GetProperty("pp").GetInt32()}\n", toml, StringComparison.Ordinal);
        Assert.Contains($"context_parallel_degree = {third.GetProperty("cp").GetInt32()}\n", toml, StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_DeepSpeed_IsOneValidJsonDocumentWithConsistentBatch()
    {
        (int exit, string stdout, _) = Cli.Run([.. s_deepSeek, "--emit", "deepspeed"]);
        Assert.Equal(0, exit);
        JsonElement ds = JsonDocument.Parse(stdout).RootElement;
        int micro = ds.GetProperty("train_micro_batch_size_per_gpu").GetInt32();
        int accumulation = ds.GetProperty("gradient_accumulation_steps").GetInt32();
        Assert.Equal(ds.GetProperty("train_batch_size").GetInt32(), micro * accumulation * 64);
        Assert.Equal(1, ds.GetProperty("zero_optimization").GetProperty("stage").GetInt32());
    }

    [Fact]
    public void Emit_Torchtitan_SaysWhatItCannotExpress()
    {
        (_, string toml, _) = Cli.Run("evaluate", "llama-3.1-70b", "h100x64", "--tp", "4", "--pp", "2", "--no-sp", "--zero", "1", "--offload-activations", "2", "--emit", "torchtitan");
        Assert.Contains("# note: ZeRO-1 (a sharded optimizer only) has no torchtitan form", toml, StringComparison.Ordinal);
        Assert.Contains("# note: torchtitan's tensor parallelism always shards the sequence", toml, StringComparison.Ordinal);
        Assert.Contains("# note: activation offload of 2 layers has no torchtitan key", toml, StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_Unknown_OneLineExit2() =>
        Cli.AssertUsageError("--emit: 'nemo' is not one of megatron, megatron-bridge, torchtitan, deepspeed", "plan", "--emit", "nemo");

    [Fact]
    public void Row_WithoutEmit_OneLineExit2() =>
        Cli.AssertUsageError("--row chooses the layout --emit exports", "plan", "--row", "2");

    [Fact]
    public void Row_BeyondTheTable_OneLineExit2() =>
        Cli.AssertUsageError("--row is 99999999 but the table has", "plan", "--emit", "megatron", "--row", "99999999");
}
