using PresetPlanner.Vocabulary;

namespace PresetPlanner.Specs;

/// <summary>
/// One accelerator, in core units (bytes, bytes per second, FLOP per second). Compiled from
/// <c>presets/gpus/*.json</c>; bandwidths are per GPU and per direction.
/// </summary>
public readonly record struct GpuSpec
{
    /// <summary>Device memory in bytes (the vendor's capacity, which is binary: 80 GB H100 = 80 GiB).</summary>
    public long MemoryBytes { get; init; }

    /// <summary>HBM (or GDDR) bandwidth in bytes per second.</summary>
    public double MemoryBytesPerSecond { get; init; }

    /// <summary>Dense (no structured sparsity) BF16 tensor-core peak, FLOP per second.</summary>
    public double PeakBf16FlopsPerSecond { get; init; }

    /// <summary>Dense FP8 tensor-core peak, FLOP per second; 0 when the GPU has no FP8 tensor cores.</summary>
    public double PeakFp8FlopsPerSecond { get; init; }

    /// <summary>
    /// Dense FP4 (NVFP4) tensor-core peak, FLOP per second; 0 when the GPU has none. Nonzero marks Blackwell's
    /// fifth-generation tensor cores, which also run MXFP8 and need no transposed FP8 copies.
    /// </summary>
    public double PeakFp4FlopsPerSecond { get; init; }

    /// <summary>Scale-up (NVLink, Infinity Fabric) bandwidth per GPU per direction, bytes per second.</summary>
    public double ScaleUpBytesPerSecond { get; init; }

    /// <summary>Largest group of GPUs that the scale-up fabric connects all-to-all (8 for HGX H100, 72 for GB200 NVL72).</summary>
    public int ScaleUpDomain { get; init; }

    /// <summary>GPUs in one server of this GPU (8 for HGX/DGX, 4 for an NVL72 compute tray); 0 takes the smaller of 8 and the domain.</summary>
    public int GpusPerServer { get; init; }

    /// <summary>GPUs per server: <see cref="GpusPerServer"/>, or the smaller of 8 and the domain when that is 0.</summary>
    public int Server => GpusPerServer > 0 ? GpusPerServer : System.Math.Min(8, System.Math.Max(ScaleUpDomain, 1));

    /// <summary>Typical scale-out (InfiniBand, RoCE) bandwidth per GPU per direction, bytes per second.</summary>
    public double ScaleOutBytesPerSecond { get; init; }

    /// <summary>
    /// Board power (TDP/TGP) in watts, from the vendor's specification; 0 when not published. Multiplied by GPU count
    /// and time it gives the GPU board energy of a training run (docs/model.md, "Time to train").
    /// </summary>
    public double BoardWatts { get; init; }

    /// <summary>Fraction of the dense peak that training GEMMs reach on this GPU, when measured; null takes the calibrated default.</summary>
    public double? MatmulEfficiency { get; init; }

    /// <summary>
    /// Measured fraction of the dense BF16 peak the fused attention kernel (FlashAttention, cuDNN) reaches forward and
    /// backward on long causal sequences, counting causal FLOPs; null takes <c>EfficiencyModel.Attention</c>.
    /// </summary>
    public double? AttentionEfficiency { get; init; }

    /// <summary>Fraction of the scale-up bandwidth that collectives reach on this GPU, when measured; null takes the calibrated default.</summary>
    public double? ScaleUpEfficiency { get; init; }

    /// <summary>
    /// Exponentials per second the GPU's special-function units compute (all SMs at the boost clock), when published:
    /// the softmax's exponentials a fused attention kernel cannot run on its tensor cores. With it a score's time is a
    /// matmul part that grows with the head dimension and an exponential part that does not, so the
    /// <see cref="AttentionEfficiency"/> measured at head dimension 128 carries to other head dimensions (FlashAttention-3,
    /// Shah et al. 2024, section 3: H100 SXM5 runs 989 TFLOP/s of matmul but 3.9 T special functions per second;
    /// docs/model.md, "Attention"). Null costs attention by its FLOPs alone.
    /// </summary>
    public double? ExponentialsPerSecond { get; init; }

    /// <summary>
    /// This GPU's sustained tensor-core throughput over that of the part whose measured kernel figures
    /// (<see cref="MatmulEfficiency"/>, <see cref="AttentionEfficiency"/>) it states, at equal nominal peaks: Blackwell
    /// Ultra holds a higher clock under dense GEMMs on its larger power budget (GB300 1.4 kW against GB200's 1.2 kW, B300
    /// 1.1 kW against B200's 1.0 kW). Multiplies every GEMM, attention and scan rate, not the peak MFU is measured against;
    /// null is 1. Fitted by <c>validate --fit</c> within [1, the board-power ratio] where no measurement exists
    /// (docs/model.md, "Parameters").
    /// </summary>
    public double? TensorClockRatio { get; init; }

    /// <summary>
    /// Who makes the GPU (the preset's <c>vendor</c>); <see cref="GpuVendor.Unstated"/> for a GPU given by its figures
    /// alone. Only the MoE runtime defaults read it (<c>MoeRuntime.RecipeFor</c>): no figure depends on it.
    /// </summary>
    public GpuVendor Vendor { get; init; }

    /// <summary>
    /// The GPU's class by the narrowest format its tensor cores run (<see cref="GpuGeneration"/>): Blackwell with an FP4
    /// peak, Hopper with an FP8 one, Ampere otherwise. The prediction bands, the MoE recipe defaults and the exports'
    /// pre-Blackwell rules all read it.
    /// </summary>
    public GpuGeneration Generation =>
        PeakFp4FlopsPerSecond > 0 ? GpuGeneration.Blackwell : PeakFp8FlopsPerSecond > 0 ? GpuGeneration.Hopper : GpuGeneration.Ampere;
}
