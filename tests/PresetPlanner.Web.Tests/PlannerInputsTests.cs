using PresetPlanner.Web.Planner;

namespace PresetPlanner.Web.Tests;

/// <summary>The page's state: a URL round trip and the per-field messages of bad input.</summary>
public class PlannerInputsTests
{
    [Fact]
    public void Query_RoundTrip_KeepsEveryField()
    {
        var inputs = new PlannerInputs
        {
            Model = PlannerInputs.ConfigModel,
            Config = "{ \"architectures\": [\"LlamaForCausalLM\"], \"note\": \"ü & = ?\" }",
            Cluster = PlannerInputs.CustomCluster,
            Gpu = "b200",
            Gpus = "128",
            Sequence = "8192",
            GlobalBatch = "1024",
            Precision = "fp8",
            Gradients = "bf16",
            Dispatcher = "deepep",
            ExpandableSegments = true,
            RecomputeModules = "mlp,moe_act",
            CudaGraphs = "partial",
            OverlapMoeCommunication = true,
            MoeRecipe = false,
            DropAndPad = true,
            Fp8ParamGather = true,
            ActivationFp8Store = true,
            Tokens = "15T",
            Price = "2.5",
            OnlyFeasible = true,
            Sort = "MFU",
            Row = 7,
            Framework = "torchtitan",
        };
        Assert.Equal(inputs, PlannerInputs.FromQuery("?" + inputs.ToQuery()));
        Assert.Equal(string.Empty, new PlannerInputs().ToQuery());
    }

    [Fact]
    public void FromQuery_Garbage_KeepsTheTextAndTheRunSaysWhy()
    {
        PlannerInputs inputs = PlannerInputs.FromQuery("?seq=abc&gbs=0&precision=fp5&model=nope&config=%%%&row=x&zzz");
        PlannerRun run = PlannerRun.Of(inputs);
        Assert.Null(run.Table);
        Assert.Equal("'abc' must be a whole number from 1 to 67,108,864", run.Errors["seq"]);
        Assert.StartsWith("'0' must be a whole number", run.Errors["gbs"], StringComparison.Ordinal);
        Assert.StartsWith("'fp5' is not one of bf16", run.Errors["precision"], StringComparison.Ordinal);
        Assert.Equal("'nope' is not a model preset", run.Errors["model"]);
    }

    [Fact]
    public void Run_BrokenConfig_IsAnErrorOnTheConfigField()
    {
        PlannerRun run = PlannerRun.Of(new PlannerInputs { Model = PlannerInputs.ConfigModel, Config = "{ broken" });
        Assert.StartsWith("config.json is not valid JSON", run.Errors["config"], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SeedExample_IsTheCoresPlan()
    {
        PlannerRun run = PlannerRun.Of(new PlannerInputs());
        Assert.Empty(run.Errors);
        Assert.True(Presets.Llama70B.PlanOn(Presets.H100x64).TryGetRecommended(out StrategyResult expected));
        Assert.True(run.Table!.TryGetRecommended(out StrategyResult actual));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Run_MoeModel_TakesItsGpusRecipeRuntime_UnlessTheUserChoosesTheirOwn()
    {
        // As the command line (MoeRuntime.RecipeFor): Qwen3-30B-A3B on GB200 runs HybridEP, full graphs and the overlap.
        var inputs = new PlannerInputs { Model = "qwen3-30b-a3b", Cluster = "gb200-nvl72-64", Precision = "mxfp8", DropAndPad = true };
        TrainingSettings recipe = PlannerRun.Of(inputs).Context!.Settings;
        TrainingSettings own = PlannerRun.Of(inputs with { MoeRecipe = false }).Context!.Settings;

        Assert.Equal(new MoeRuntime(MoeDispatcher.HybridEp, CudaGraphScope.Full, true, DropAndPad: true), recipe.MoeRuntime);
        Assert.Equal(new MoeRuntime(MoeDispatcher.AllToAll, CudaGraphScope.None, false, DropAndPad: true), own.MoeRuntime);
        Assert.Equal(MoeRuntime.MegatronCore, PlannerRun.Of(new PlannerInputs { Cluster = "gb200-nvl72-64" }).Context!.Settings.MoeRuntime);
    }

    [Fact]
    public void Run_RecipeSettings_ReachTheCore()
    {
        PlannerRun run = PlannerRun.Of(new PlannerInputs { Model = "deepseek-v3", Cluster = "h100x1024", Precision = "fp8", RecomputeModules = "mla_up_proj,moe_act", CudaGraphs = "partial", OverlapMoeCommunication = true, MoeRecipe = false, DropAndPad = true, Fp8ParamGather = true });
        Assert.Empty(run.Errors);
        TrainingSettings s = run.Context!.Settings;
        Assert.Equal(RecomputeModules.MlaUpProjection | RecomputeModules.MoeActivation, s.SelectiveModules);
        Assert.Equal(CudaGraphScope.Partial, s.CudaGraphs);
        Assert.True(s.OverlapExpertCommunication && s.DropAndPad && s.Fp8ParamGather);
        Assert.Equal("'attn' is not a list of core_attn, mlp, moe_act, layernorm, mla_up_proj, moe, shared_experts (or none)", PlannerRun.Of(new PlannerInputs { RecomputeModules = "attn" }).Errors["modules"]);
        Assert.Contains("bf16", PlannerRun.Of(new PlannerInputs { Fp8ParamGather = true }).Errors["fp8gather"], StringComparison.Ordinal);
        Assert.True(PlannerRun.Of(new PlannerInputs { ActivationFp8Store = true }).Context!.Settings.ActivationFuncFp8InputStore);
        Assert.Contains("SwiGLU", PlannerRun.Of(new PlannerInputs { Model = "bloom-176b", ActivationFp8Store = true }).Errors["fp8act"], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ContextRuleBroken_IsShownOnItsField()
    {
        PlannerRun run = PlannerRun.Of(new PlannerInputs { Cluster = "h100x64", Precision = "nvfp4" });
        Assert.Contains("Blackwell", run.Errors["precision"], StringComparison.Ordinal);
    }
}
