using PresetPlanner.Specs;

namespace PresetPlanner.Settings;

/// <summary>
/// The few physical efficiencies and fixed costs of the time model. Defaults are fitted on
/// ../shared/calibration/published-runs.csv (docs/validation.md); GPU and cluster presets may override the first ones.
/// </summary>
/// <param name="Matmul">
/// eta_max: the fraction of the dense BF16 tensor peak that large GEMMs reach inside a training step (Transformer
/// Engine's GEMMs as Megatron-Core calls them); a GPU preset states its generation's measured value
/// (docs/model-facts.md, "Kernels").
/// </param>
/// <param name="Fp8Matmul">eta_max of the 8-bit recipes' GEMMs against the FP8 peak.</param>
/// <param name="Attention">Fraction of the BF16 peak that the attention core (FlashAttention) reaches on long sequences.</param>
/// <param name="ScaleUp">Fraction of the scale-up link bandwidth that NCCL ring collectives reach (bus bandwidth).</param>
/// <param name="ScaleOut">Fraction of the scale-out NIC bandwidth that NCCL collectives reach.</param>
/// <param name="ScaleUpLatency">Fixed cost of one collective inside a node, seconds.</param>
/// <param name="ScaleOutLatency">Fixed cost of one collective across nodes, seconds.</param>
/// <param name="DataParallelOverlap">Fraction of the overlapping compute that hides gradient reduction and ZeRO gathers.</param>
/// <param name="CommunicationOverlap">Fraction of TP and EP traffic hidden behind computation when its overlap is on.</param>
/// <param name="GemmHalfDimension">
/// h: the GEMM dimension, in elements, at which that dimension alone halves eta_max. A per-GPU GEMM of M x N x K
/// runs at eta_max M/(M+h) N/(N+h) K/(K+h): the additive roofline of its operand traffic (bytes per FLOP are
/// (b/2)(1/M + 1/N + 1/K)), which fits measured cuBLAS and Transformer Engine shape sweeps with h of 125-250
/// (A100 in-framework 160, H100 200, B200 125-220; docs/model-facts.md, "Kernels"). The factor is symmetric in the
/// three dimensions, so a GEMM's backward products (its dims permuted) run at its forward rate.
/// </param>
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
/// The GPU's idle time per dropless MoE layer and micro-batch: the dispatcher copies the per-expert token counts to the
/// host to size its buffers (a device synchronisation in Megatron-Core's <c>alltoall</c> dispatcher and in its DeepEP and
/// HybridEP managers without a token bound), so the queue drains and the GPU waits while the host launches the rest of
/// the layer (a few dozen kernels at several microseconds each, plus the copy's round trip). Added to the layer's time;
/// <see cref="TrainingSettings.DropAndPad"/> removes it. Fitted within [0, 2 ms]: no trace shows more.
/// </param>
/// <param name="ElementwisePasses">
/// Passes over a layer's stored activations at HBM bandwidth for its memory-bound work (norms, activation functions,
/// residuals, RoPE, casts): written forward, read backward, and read and written by the kernels between them. Fitted
/// within [2, 8].
/// </param>
/// <param name="GroupedGemm">
/// A routed expert's grouped GEMM's rate relative to a dense GEMM of the same per-expert shape, averaged over its
/// forward, input-gradient and weight-gradient passes: Transformer Engine's grouped GEMM on B200 runs its forward at
/// 0.92, its input gradient at 0.87 and its weight gradient at 0.66 of the shape form's dense rate (108 measured shapes,
/// SimuMax <c>configs/system/b200_bf16_ceperm.json</c>; docs/model-facts.md, "Kernels"), 0.80 in time. Measured, not fitted.
/// </param>
/// <param name="Scan">
/// The fraction of the BF16 peak a Mamba-2 layer's chunked selective scan (SSD, mamba_ssm's Triton kernels) reaches:
/// TileLang's chunk-scan kernel runs at 126-136 TFLOP/s on H800 (about 0.14 of 989), the stock kernels are slower
/// (memory-bandwidth and latency bound, PyTorch's fused-SSD post: 1.5-2.5x from fusing them); 0.12 is taken, measured
/// range 0.02-0.15 (docs/model-facts.md, "Kernels"). Measured, not fitted.
/// </param>
/// <param name="PartialGraphHostShare">The share of the host time left when parts of each layer run as CUDA graphs; full-iteration graphs leave none.</param>
/// <param name="AllToAll">Fraction of the link bandwidth an NCCL all-to-all token dispatch reaches.</param>
/// <param name="FusedDispatch">Fraction of the scale-up link bandwidth the fused DeepEP and HybridEP dispatch and combine kernels reach.</param>
/// <param name="DispatchHalfWidth">
/// The expert width (elements per dispatched token copy) at which the dispatch and combine run at half their large-token
/// rate: each copy also costs a fixed amount of work (its routing metadata, index and probability, the kernel's per-token
/// loop), so narrow copies move fewer bytes per second.
/// </param>
/// <param name="ExpertScaleOut">
/// Fraction of the NIC bandwidth the MoE dispatch and combine reach across nodes, whichever the dispatcher: the tokens'
/// copies go to many peers in messages of a few KB each, far from a ring collective's large transfers.
/// </param>
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
    double GemmHalfDimension = 200,
    double AttentionHalfSequence = 512,
    double LayerHostSeconds = 0,
    double MoeLayerHostSeconds = 0,
    double PartialGraphHostShare = 0.5,
    double AllToAll = 0.45,
    double FusedDispatch = 0.45,
    double Fp4Matmul = 0.4,
    double ElementwisePasses = 3,
    double GroupedGemm = 0.8,
    double Scan = 0.12,
    double ExpertScaleOut = 0.3,
    double DispatchHalfWidth = 0)
{
    /// <summary>The calibrated defaults (docs/validation.md).</summary>
    public static EfficiencyModel Default { get; } = new(
        Matmul: 0.75,
        Fp8Matmul: 0.54,
        Attention: 0.45,
        ScaleUp: 0.79,
        ScaleOut: 0.95,
        ScaleUpLatency: 15e-6,
        ScaleOutLatency: 30e-6,
        DataParallelOverlap: 0,
        CommunicationOverlap: 0.8,
        GemmHalfDimension: 150,
        AttentionHalfSequence: 256,
        LayerHostSeconds: 0,
        MoeLayerHostSeconds: 1.735e-3,
        PartialGraphHostShare: 0.2,
        AllToAll: 0.175,
        FusedDispatch: 0.55,
        Fp4Matmul: 0.33,
        ElementwisePasses: 5.75,
        GroupedGemm: 0.8,
        Scan: 0.12,
        ExpertScaleOut: 0.5,
        DispatchHalfWidth: 2048);

    /// <summary>The efficiencies for a cluster: the defaults, overridden where its GPU or cluster preset states its own.</summary>
    internal static EfficiencyModel For(in ClusterSpec cluster) => Default.OverriddenBy(cluster);

    /// <summary>
    /// These efficiencies, overridden where <paramref name="cluster"/>'s GPU or cluster preset states its own
    /// (<see cref="GpuSpec.MatmulEfficiency"/>, <see cref="GpuSpec.AttentionEfficiency"/>, <see cref="GpuSpec.ScaleUpEfficiency"/>,
    /// <see cref="ClusterSpec.ScaleOutEfficiency"/>): a GPU generation's GEMMs reach their own share of its peak.
    /// </summary>
    /// <param name="cluster">The cluster whose preset values win.</param>
    /// <returns>A copy with the cluster's stated values.</returns>
    public EfficiencyModel OverriddenBy(in ClusterSpec cluster) => this with
    {
        Matmul = cluster.Gpu.MatmulEfficiency ?? Matmul,
        Attention = cluster.Gpu.AttentionEfficiency ?? Attention,
        ScaleUp = cluster.Gpu.ScaleUpEfficiency ?? ScaleUp,
        ScaleOut = cluster.ScaleOutEfficiency ?? ScaleOut,
    };
}
