using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PresetPlanner.Cli.Tests;

/// <summary>
/// Launch checks as code (issue 33 item 1, first part): the launch-time assertions of each framework that bear on what
/// <c>--emit</c> prints, re-implemented from its source (cited on each check) and run over layouts of every kind we
/// emit: dense and MoE, ZeRO 0-3, PP with and without VP, FP8 and MXFP8, optimizer offload.
/// </summary>
public partial class LaunchCheckTests
{
    public static TheoryData<string> Layouts() => new()
    {
        "llama-3.1-70b h100x64 --tp 4 --pp 8 --vp 2 --zero 2",
        "llama-3.1-70b h100x64 --tp 4 --pp 8 --vp 2 --zero 3",
        "llama-3.1-70b h100x64 --tp 8 --pp 8 --zero 1 --precision fp8",
        "llama-3.1-70b h100x64 --tp 8 --pp 1 --zero 3 --offload-optimizer 0.5",
        "llama-3.1-8b b200x8 --tp 1 --pp 2 --vp 4 --zero 1 --precision mxfp8",
        "llama-3.1-8b b200x8 --tp 2 --pp 1 --zero 0",
        "qwen3-30b-a3b b200x8 --tp 1 --pp 1 --ep 8 --zero 1 --precision mxfp8",
        "qwen3-235b-a22b gb200-nvl72-256 --tp 1 --pp 8 --vp 3 --ep 32 --gbs 8192 --precision mxfp8",
        "qwen3-235b-a22b gb200-nvl72-256 --tp 1 --pp 8 --ep 32 --gbs 8192 --precision mxfp8",
        "qwen3-30b-a3b b200x8 --tp 1 --pp 1 --ep 8 --zero 1 --recompute full --overlap-moe-comm",
        "qwen3-30b-a3b gb200-nvl72-64 --tp 1 --pp 1 --ep 8 --zero 1 --precision mxfp8 --cuda-graphs full",
        "nemotron-h-8b h100x8 --tp 2 --pp 1 --zero 1",
        "llama-3.1-70b h100x64 --tp 4 --pp 2 --cp 2 --zero 1 --recompute full",
        "llama-3.1-8b b200x8 --tp 1 --pp 2 --zero 1 --precision nvfp4 --offload-activations 1",
        "llama-3.1-405b h100x1024 --tp 8 --pp 16 --zero 1 --first-stage-layers 7 --last-stage-layers 7 --seq 8192",
        "llama-3.1-70b h100x64 --tp 8 --pp 2 --zero 1 --no-sp --overlap-comm --cuda-graphs partial --recompute full --expandable-segments",
        "llama-3.1-70b h100x64 --tp 8 --pp 2 --zero 1 --precision fp8-current --fp8-param-gather --offload-optimizer 0.5 --cuda-graphs partial --expandable-segments",
        "llama-3.1-70b h100x64 --tp 4 --pp 8 --vp 2 --zero 3 --schedule zb-v",
        "qwen3-30b-a3b h100x64 --tp 1 --pp 4 --vp 2 --ep 8 --zero 3 --schedule dualpipe-v",
        "llama-3.1-70b h100x64 --tp 4 --pp 8 --zero 1 --schedule dualpipe",
        "qwen3-30b-a3b b200x8 --tp 1 --pp 1 --ep 8 --zero 1 --precision mxfp8 --recompute-modules moe_act --activation-func-fp8-input-store",
    };

    private static string[] Args(string layout, string framework) => ["evaluate", .. layout.Split(' '), "--emit", framework];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Megatron_PassesItsArgumentChecks(string layout)
    {
        (int exit, string stdout, string stderr) = Cli.Run(Args(layout, "megatron"));
        Assert.True(exit is 0 or 1, stderr);
        Dictionary<string, string?> args = MegatronArgs(stdout);

        // megatron/training/arguments.py: Megatron-FSDP asserts its own checkpoint format.
        if (args.ContainsKey("--use-megatron-fsdp"))
        {
            Assert.Equal("fsdp_dtensor", args.GetValueOrDefault("--ckpt-format"));
        }

        // arguments.py: TP communication overlap only with sequence parallelism; the optimizer's CPU offload on the
        // precision-aware optimizer, and with FP8 parameter gather only under the delayed recipe; no CUDA graphs with full
        // recomputation or with expandable segments.
        Assert.True(!args.ContainsKey("--tp-comm-overlap") || args.ContainsKey("--sequence-parallel"));
        if (args.ContainsKey("--optimizer-cpu-offload"))
        {
            Assert.True(args.ContainsKey("--use-precision-aware-optimizer"));
            Assert.True(!args.ContainsKey("--fp8-param-gather") || args.GetValueOrDefault("--fp8-recipe") == "delayed");
        }

        if (args.ContainsKey("--cuda-graph-impl"))
        {
            Assert.NotEqual("full", args.GetValueOrDefault("--recompute-granularity"));
            Assert.DoesNotContain("export PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True", stdout, StringComparison.Ordinal);
        }

        // arguments.py asserts CUDA_DEVICE_MAX_CONNECTIONS=1 before Blackwell with TP or CP (unless Megatron-FSDP or the
        // MoE overlap, which only warn): the launch must say so.
        bool beforeBlackwell = !layout.Contains("b200", StringComparison.Ordinal) && !layout.Contains("gb200", StringComparison.Ordinal);
        bool tpOrCp = Int(args, "--tensor-model-parallel-size") > 1 || Int(args, "--context-parallel-size") > 1;
        if (beforeBlackwell && tpOrCp && !args.ContainsKey("--use-megatron-fsdp") && !args.ContainsKey("--overlap-moe-expert-parallel-comm"))
        {
            Assert.Contains("export CUDA_DEVICE_MAX_CONNECTIONS=1", stdout, StringComparison.Ordinal);
        }

        // megatron/core/transformer/transformer_config.py: the MoE all-to-all overlap needs EP > 1, a virtual pipeline
        // when PP > 1, and no full recomputation.
        if (args.ContainsKey("--overlap-moe-expert-parallel-comm"))
        {
            Assert.True(int.Parse(args["--expert-model-parallel-size"]!, CultureInfo.InvariantCulture) > 1);
            Assert.True(int.Parse(args["--pipeline-model-parallel-size"]!, CultureInfo.InvariantCulture) == 1
                || args.ContainsKey("--num-layers-per-virtual-pipeline-stage") || args.ContainsKey("--num-virtual-stages-per-pipeline-rank"));
            Assert.NotEqual("full", args.GetValueOrDefault("--recompute-granularity"));
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void MegatronBridge_PassesItsSetupChecks(string layout)
    {
        (int exit, string stdout, string stderr) = Cli.Run(Args(layout, "megatron-bridge"));
        Assert.True(exit is 0 or 1, stderr);
        Dictionary<string, string> o = stdout.Split('\n').Where(line => line.Contains('=', StringComparison.Ordinal) && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim());

        // Megatron-Bridge asserts fsdp_dtensor checkpoints with Megatron-FSDP when it saves or loads one.
        if (o.GetValueOrDefault("ddp.use_megatron_fsdp") == "true")
        {
            Assert.Equal("fsdp_dtensor", o.GetValueOrDefault("checkpoint.ckpt_format"));
        }

        // The mixed-precision recipe overwrites ddp.grad_reduce_in_fp32 at setup: its own key must carry the choice.
        Assert.False(o.ContainsKey("ddp.grad_reduce_in_fp32"));
        Assert.True(o.ContainsKey("mixed_precision.grad_reduce_in_fp32"));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Torchtitan_BuildsThePlansStages_AndItsQuantisation(string layout)
    {
        (int exit, string toml, string stderr) = Cli.Run(Args(layout, "torchtitan"));
        Assert.True(exit is 0 or 1, stderr);
        Tomlyn.Model.TomlTable doc = Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(toml)!;
        var parallelism = (Tomlyn.Model.TomlTable)doc["parallelism"];
        long pp = (long)parallelism["pipeline_parallel_degree"];
        if (pp > 1)
        {
            // torch.distributed.pipelining get_schedule_class names; torchtitan's _get_pipeline_metadata: single-stage
            // schedules one stage per rank, the others at least two, the V schedules exactly two ("v schedules assume 2
            // stages per rank"); ScheduleDualPipeV needs at least as many micro-batches as stages.
            string schedule = (string)parallelism["pipeline_parallel_schedule"];
            int chunks = VpOf(layout);
            Assert.Contains(schedule, (string[])["1F1B", "Interleaved1F1B", "GPipe", "LoopedBFS", "InterleavedZeroBubble", "ZBVZeroBubble", "DualPipeV"]);
            Assert.True(schedule is "1F1B" or "GPipe" ? chunks == 1 : chunks >= 2, schedule);
            Assert.True(schedule is not ("ZBVZeroBubble" or "DualPipeV") || chunks == 2, schedule);
            long microBatches = (long)((Tomlyn.Model.TomlTable)doc["training"])["local_batch_size"] / (long)parallelism["pipeline_parallel_microbatch_size"];
            Assert.True(schedule != "DualPipeV" || microBatches >= 2 * pp, $"{microBatches} micro-batches");
        }

        if (pp > 1 && parallelism.TryGetValue("pipeline_parallel_layers_per_stage", out object? perStage))
        {
            // torchtitan/distributed/pipeline_parallel.py, get_pipeline_metadata: ceil((layers + first_less + last_less)
            // / layers_per_stage) stages, both "less" weights 1 unless set, divisible by PP; the plan's are PP x VP.
            long first = parallelism.TryGetValue("pipeline_parallel_first_stage_less_layers", out object? f) ? (long)f : 1;
            long last = parallelism.TryGetValue("pipeline_parallel_last_stage_less_layers", out object? l) ? (long)l : 1;
            int layers = LayersOf(layout);
            long stages = (layers + first + last + (long)perStage - 1) / (long)perStage;
            int vp = VpOf(layout);
            Assert.Equal(0, stages % pp);
            Assert.Equal(pp * vp, stages);
        }

        // torchtitan/distributed/tensor_parallel.py, maybe_enable_async_tp: "Async TP requires 'model' in
        // --compile.components and --compile.enable".
        if (parallelism.TryGetValue("enable_async_tensor_parallel", out object? asyncTp) && (bool)asyncTp)
        {
            var compile = (Tomlyn.Model.TomlTable)doc["compile"];
            Assert.True((bool)compile["enable"]);
            Assert.Contains("model", ((Tomlyn.Model.TomlArray)compile["components"]).Select(c => (string)c!));
            Assert.True((long)parallelism["tensor_parallel_degree"] > 1);
        }

        // torchtitan applies a [quantize.linear.*] section only through [model] converters.
        foreach (string section in new[] { "float8", "mx" })
        {
            if (doc.TryGetValue("quantize", out object? q) && ((Tomlyn.Model.TomlTable)((Tomlyn.Model.TomlTable)q)["linear"]).ContainsKey(section))
            {
                var converters = (Tomlyn.Model.TomlArray)((Tomlyn.Model.TomlTable)doc["model"])["converters"];
                Assert.Contains("quantize.linear." + section, converters.Select(c => (string)c!));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void DeepSpeed_SaysWhatItsEngineRefuses(string layout)
    {
        (int exit, string json, string stderr) = Cli.Run(Args(layout, "deepspeed"));
        Assert.True(exit is 0 or 1, stderr);
        JsonElement zero = JsonDocument.Parse(json).RootElement.GetProperty("zero_optimization");
        int stage = zero.GetProperty("stage").GetInt32();

        // deepspeed/runtime/pipe/engine.py: "ZeRO-2 and ZeRO-3 are incompatible with pipeline parallelism".
        if (PpOf(layout) > 1 && stage >= 2)
        {
            Assert.Contains("this layout does not launch in DeepSpeed", stderr, StringComparison.Ordinal);
        }

        // DeepSpeedZeroOffloadOptimizerConfig: a partial ratio is read with ZeRO-3 only.
        if (zero.TryGetProperty("offload_optimizer", out JsonElement offload) && offload.TryGetProperty("ratio", out _))
        {
            Assert.Equal(3, stage);
        }
    }

    private static int Int(Dictionary<string, string?> args, string flag) =>
        args.GetValueOrDefault(flag) is string v ? int.Parse(v, CultureInfo.InvariantCulture) : 1;

    private static Dictionary<string, string?> MegatronArgs(string text)
    {
        var args = new Dictionary<string, string?>();
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\\', ' ');
            if (!line.StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            string[] parts = line.Split(' ', 2);
            args[parts[0]] = parts.Length > 1 ? parts[1] : null;
        }

        return args;
    }

    private static int Pinned(string layout, string flag, int otherwise)
    {
        Match m = Regex.Match(layout, "--" + flag + " (\\d+)");
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : otherwise;
    }

    private static int PpOf(string layout) => Pinned(layout, "pp", 1);

    private static int VpOf(string layout) => Pinned(layout, "vp", 1);

    private static int LayersOf(string layout) => layout.Split(' ')[0] switch
    {
        "llama-3.1-70b" => 80,
        "llama-3.1-8b" => 32,
        "qwen3-235b-a22b" => 94,
        "qwen3-30b-a3b" => 48,
        "nemotron-h-8b" => 52,
        "llama-3.1-405b" => 126,
        _ => throw new ArgumentException(layout),
    };
}
