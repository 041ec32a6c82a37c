using PresetPlanner.Specs;

namespace PresetPlanner.Settings;

/// <summary>
/// The few physical efficiencies and fixed costs of the time model. Defaults are fitted on
/// ../shared/calibration/published-runs.csv (docs/validation.md); GPU and cluster presets may override the first ones.
/// </summary>
/// <param name="Matmul">
/// eta_max: the fraction of the dense BF16 tensor peak that large GEMMs reach. A GEMM of F FLOPs runs at
/// eta(F) = eta_max F / (F + <paramref name="GemmHalfFlops"/>), the saturating curve of Calculon's system files
/// (calculon-ai/calculon <c>systems/h100_80g_nvl8.json</c>, <c>matrix.gflops_efficiency</c>: 0.95 at 128 GFLOP, 0.9 at
/// 16, 0.6 at 1), which is a fixed cost of F_half / (eta_max peak) per GEMM.
/// </param>
/// <param name="Fp8Matmul">eta_max of the 8-bit recipes' GEMMs against the FP8 peak.</param>
/// <param name="Attention">Fraction of the BF16 peak that the attention core (FlashAttention) reaches on long sequences.</param>
/// <param name="ScaleUp">Fraction of the scale-up link bandwidth that NCCL ring collectives reach (bus bandwidth).</param>
/// <param name="ScaleOut">Fraction of the scale-out NIC bandwidth that NCCL collectives reach.</param>
/// <param name="ScaleUpLatency">Fixed cost of one collective inside a node, seconds.</param>
/// <param name="ScaleOutLatency">Fixed cost of one collective across nodes, seconds.</param>
/// <param name="DataParallelOverlap">Fraction of the overlapping compute that hides gradient reduction and ZeRO gathers.</param>
/// <param name="CommunicationOverlap">Fraction of TP and EP traffic hidden behind computation when its overlap is on.</param>
/// <param name="GemmHalfFlops">F_half: the GEMM size, in FLOPs, at which a GEMM reaches half of eta_max.</param>
/// <param name="AttentionHalfSequence">
/// L_half: the query length per GPU (s / CP) at which the attention kernel reaches half its peak fraction
/// (eta = eta_att L / (L + L_half)): short chunks leave the kernel's tiles and SMs idle (FlashAttention-2 and -3 papers'
/// sequence-length sweeps rise to their plateau around 4-8K tokens).
/// </param>
/// <param name="LayerHostSeconds">
/// Host time to launch one transformer layer's kernels, forward and backward, per micro-batch (PyTorch eager dispatch:
/// tens of kernels at several microseconds each); a layer takes the longer of it and its GPU time.
/// </param>
/// <param name="MoeLayerHostSeconds">
/// Extra host time of an MoE layer per micro-batch with dropless routing: the dispatcher copies the per-expert token
/// counts to the host to size its buffers (a device synchronisation in Megatron-Core's <c>alltoall</c> dispatcher and in
/// its DeepEP and HybridEP managers without a token bound), after which the host launches the rest of the layer while
/// the GPU waits. It raises the MoE layer's host floor (the layer takes the longer of its GPU time and the host time);
/// <see cref="TrainingSettings.DropAndPad"/> removes it. Fitted: docs/model.md explains why it is larger than one copy.
/// </param>
/// <param name="PartialGraphHostShare">The share of the host time left when parts of each layer run as CUDA graphs; full-iteration graphs leave none.</param>
/// <param name="AllToAll">Fraction of the link bandwidth an NCCL all-to-all token dispatch reaches.</param>
/// <param name="FusedDispatch">Fraction of the link bandwidth the fused DeepEP and HybridEP dispatch and combine kernels reach.</param>
/// <param name="Fp4Matmul">
/// eta_max of NVFP4 GEMMs against the FP4 peak: lower than FP8's, since the NVFP4 recipe adds random Hadamard transforms
/// and two-level scaling to the GEMMs it quantises (NVIDIA, "Pretraining LLMs with NVFP4", 2025, section 4).
/// </param>
public readonly record struct EfficiencyModel(
    double Matmul,
    double Fp8Matmul,
    double Attention,
    double ScaleUp,
    double ScaleOut,
    double ScaleUpLatency,
    double ScaleOutLatency,
    double DataParallelOverlap,
    double CommunicationOverlap,
    double GemmHalfFlops = 0.6e9,
    double AttentionHalfSequence = 512,
    double LayerHostSeconds = 0,
    double MoeLayerHostSeconds = 0,
    double PartialGraphHostShare = 0.5,
    double AllToAll = 0.45,
    double FusedDispatch = 0.45,
    double Fp4Matmul = 0.4)
{
    /// <summary>The calibrated defaults (docs/validation.md).</summary>
    public static EfficiencyModel Default { get; } = new(
        Matmul: 0.74,
        Fp8Matmul: 0.61,
        Attention: 0.22,
        ScaleUp: 0.625,
        ScaleOut: 0.825,
        ScaleUpLatency: 15e-6,
        ScaleOutLatency: 30e-6,
        DataParallelOverlap: 0.5,
        CommunicationOverlap: 0.7,
        GemmHalfFlops: 8.47e9,
        AttentionHalfSequence: 256,
        LayerHostSeconds: 0,
        MoeLayerHostSeconds: 16.16e-3,
        PartialGraphHostShare: 0.55,
        AllToAll: 0.275,
        FusedDispatch: 0.35,
        Fp4Matmul: 0.56);

    /// <summary>The efficiencies for a cluster: the defaults, overridden where its GPU or cluster preset states its own.</summary>
    internal static EfficiencyModel For(in ClusterSpec cluster) => Default.OverriddenBy(cluster);

    /// <summary>
    /// These efficiencies, overridden where <paramref name="cluster"/>'s GPU or cluster preset states its own
    /// (<see cref="GpuSpec.MatmulEfficiency"/>, <see cref="GpuSpec.ScaleUpEfficiency"/>,
    /// <see cref="ClusterSpec.ScaleOutEfficiency"/>): a GPU generation's GEMMs reach their own share of its peak.
    /// </summary>
    /// <param name="cluster">The cluster whose preset values win.</param>
    /// <returns>A copy with the cluster's stated values.</returns>
    public EfficiencyModel OverriddenBy(in ClusterSpec cluster) => this with
    {
        Matmul = cluster.Gpu.MatmulEfficiency ?? Matmul,
        ScaleUp = cluster.Gpu.ScaleUpEfficiency ?? ScaleUp,
        ScaleOut = cluster.ScaleOutEfficiency ?? ScaleOut,
    };
}
