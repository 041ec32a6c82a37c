using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Settings;

/// <summary>
/// How an MoE model's layers run, apart from the layout: the token dispatcher, how much of the step is captured in CUDA
/// graphs, whether the all-to-all overlaps another micro-batch's compute, and whether tokens are dropped and padded to
/// a fixed capacity. These four settings of <see cref="TrainingSettings"/> decide most of an MoE layer's time beyond its
/// GEMMs (docs/model.md, "MoE runtime"); a dense model's time does not depend on them.
/// </summary>
/// <param name="Dispatcher">The token dispatcher (<see cref="TrainingSettings.Dispatcher"/>).</param>
/// <param name="CudaGraphs">What CUDA graphs capture (<see cref="TrainingSettings.CudaGraphs"/>).</param>
/// <param name="OverlapExpertCommunication">All-to-all overlapped with another micro-batch (<see cref="TrainingSettings.OverlapExpertCommunication"/>).</param>
/// <param name="DropAndPad">Drop-and-pad routing (<see cref="TrainingSettings.DropAndPad"/>).</param>
public readonly record struct MoeRuntime(MoeDispatcher Dispatcher, CudaGraphScope CudaGraphs, bool OverlapExpertCommunication, bool DropAndPad)
{
    /// <summary>
    /// Megatron-Core's own defaults: NCCL all-to-all, no graphs, no overlap, dropless
    /// (megatron/training/arguments.py: <c>--moe-token-dispatcher-type alltoall</c>, <c>--cuda-graph-impl none</c>).
    /// What <c>new TrainingSettings()</c> holds.
    /// </summary>
    public static MoeRuntime MegatronCore => default;

    /// <summary>
    /// What the newest Megatron-Bridge performance recipe for <paramref name="gpu"/>'s kind of system sets for its MoE
    /// models (docs/calibration/megatron-bridge-recipes-moe.csv reads each recipe, file and release): every recipe is
    /// dropless.
    /// <list type="bullet">
    /// <item>NVIDIA FP4-class GPUs in an NVLink domain of 36 or more (GB200, GB300 NVL72): HybridEP, full-iteration
    /// graphs and the all-to-all overlap (26.06-26.08 recipes for DeepSeek-V3, Qwen3 30B and 235B, gpt-oss 120B:
    /// perf_recipes/*/gb200|gb300, <c>cuda_graph_impl="full_iteration"</c>, <c>overlap_moe_expert_parallel_comm=True</c>).</item>
    /// <item>Other NVIDIA FP4-class GPUs (8-GPU B200, B300 servers): HybridEP and Transformer Engine's per-layer graphs
    /// without the overlap (26.04.01-26.06 DeepSeek-V3 and Qwen3 30B recipes for B200 and B300).</item>
    /// <item>NVIDIA FP8-class GPUs (H100, H200, H800): HybridEP without graphs or overlap (26.04-26.06 Qwen3 30B H100
    /// recipes).</item>
    /// <item>Anything else (A100, AMD, a GPU given by its figures): <see cref="MegatronCore"/>; DeepEP and HybridEP are
    /// NVIDIA kernels for Hopper and later.</item>
    /// </list>
    /// </summary>
    public static MoeRuntime RecipeFor(in GpuSpec gpu)
    {
        if (gpu.Vendor != GpuVendor.Nvidia || gpu.Generation == GpuGeneration.Ampere)
        {
            return MegatronCore;
        }

        if (gpu.Generation == GpuGeneration.Hopper)
        {
            return new MoeRuntime(MoeDispatcher.HybridEp, CudaGraphScope.None, false, false);
        }

        return gpu.ScaleUpDomain >= RackDomain
            ? new MoeRuntime(MoeDispatcher.HybridEp, CudaGraphScope.Full, true, false)
            : new MoeRuntime(MoeDispatcher.HybridEp, CudaGraphScope.Partial, false, false);
    }

    /// <summary>
    /// The runtime the command line and <c>PlanOn(model, cluster)</c> assume when none is stated: <see cref="RecipeFor"/>
    /// for an MoE <paramref name="model"/>, <see cref="MegatronCore"/> for a dense one (whose time does not depend on it).
    /// </summary>
    public static MoeRuntime DefaultFor(in ModelSpec model, in GpuSpec gpu) => model.IsMoe ? RecipeFor(gpu) : MegatronCore;

    /// <summary>
    /// The runtimes a plan compares on <paramref name="gpu"/>: every dispatcher it runs (NCCL all-to-all anywhere; DeepEP and
    /// HybridEP on NVIDIA GPUs with FP8, Hopper and later), each graph scope, the overlap off and on, dropless and
    /// drop-and-pad; <see cref="MegatronCore"/> first.
    /// </summary>
    public static MoeRuntime[] Candidates(in GpuSpec gpu)
    {
        MoeDispatcher[] dispatchers = gpu.Vendor == GpuVendor.Nvidia && gpu.Generation != GpuGeneration.Ampere
            ? [MoeDispatcher.AllToAll, MoeDispatcher.DeepEp, MoeDispatcher.HybridEp]
            : [MoeDispatcher.AllToAll];
        var all = new List<MoeRuntime>(dispatchers.Length * 12);
        foreach (MoeDispatcher dispatcher in dispatchers)
        {
            foreach (CudaGraphScope graphs in (ReadOnlySpan<CudaGraphScope>)[CudaGraphScope.None, CudaGraphScope.Partial, CudaGraphScope.Full])
            {
                all.Add(new MoeRuntime(dispatcher, graphs, false, false));
                all.Add(new MoeRuntime(dispatcher, graphs, true, false));
                all.Add(new MoeRuntime(dispatcher, graphs, false, true));
                all.Add(new MoeRuntime(dispatcher, graphs, true, true));
            }
        }

        return [.. all];
    }

    /// <summary>The smallest NVLink domain counted as a rack-scale system (NVL36 and NVL72) by <see cref="RecipeFor"/>.</summary>
    public const int RackDomain = 36;
}
