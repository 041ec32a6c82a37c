namespace PresetPlanner;

/// <summary>
/// How the model is trained, whatever the layout: sequence length, global batch, precision, optimizer and memory reserve.
/// <c>new TrainingSettings()</c> gives the defaults: sequence 4096, global batch 512 sequences, BF16 with fp32 gradients
/// and Adam, FlashAttention, TP inside a node. Checked once, when a <see cref="PlanningContext"/> is created.
/// </summary>
public readonly record struct TrainingSettings
{
    /// <summary>Default fixed reserve: CUDA context (about 0.5 GiB on H100) plus NCCL and library workspaces (about 1 GiB).</summary>
    public const long DefaultReserveBytes = 3L << 29;

    /// <summary>Default allocator overhead: 15% of what PyTorch's caching allocator hands out, fitted on the BLOOM nvidia-smi measurements (docs/validation.md).</summary>
    public const double DefaultFragmentation = 0.15;

    /// <summary>The defaults.</summary>
    public TrainingSettings()
    {
    }

    /// <summary>Sequence length in tokens (s).</summary>
    public int SequenceLength { get; init; } = 4096;

    /// <summary>Global batch in sequences (B).</summary>
    public int GlobalBatchSize { get; init; } = 512;

    /// <summary>Matmul precision.</summary>
    public ComputePrecision Precision { get; init; } = ComputePrecision.Bf16;

    /// <summary>Gradient buffer and reduction precision.</summary>
    public GradientPrecision Gradients { get; init; } = GradientPrecision.Fp32;

    /// <summary>Optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>FlashAttention: no s x s matrix is stored (Dao et al. 2022). On for every modern stack.</summary>
    public bool FlashAttention { get; init; } = true;

    /// <summary>
    /// Overlap TP and EP communication with computation (Megatron-Core <c>--tp-comm-overlap</c> with Transformer Engine
    /// userbuffers, and MoE all-to-all overlap); off by default, as in Megatron-Core.
    /// </summary>
    public bool OverlapCommunication { get; init; }

    /// <summary>Allow tensor-parallel groups that span NVLink domains (slow; off by default).</summary>
    public bool AllowCrossNodeTensorParallel { get; init; }

    /// <summary>How ranks are ordered into groups, which decides each group's link (Megatron-Core's default <c>tp-cp-ep-dp-pp</c>).</summary>
    public RankOrder RankOrder { get; init; }

    /// <summary>Fixed per-GPU reserve in bytes: CUDA context, NCCL buffers, cuBLAS workspaces.</summary>
    public long ReserveBytes { get; init; } = DefaultReserveBytes;

    /// <summary>Allocator fragmentation as a fraction of weights, gradients, optimizer state and activations.</summary>
    public double Fragmentation { get; init; } = DefaultFragmentation;

    /// <summary>
    /// Tokens the busiest expert processes relative to a perfectly balanced load (GShard/Switch capacity factor, or the
    /// load imbalance of dropless routing); 1 = balanced. Scales routed-expert compute, activations and EP traffic.
    /// </summary>
    public double ExpertCapacityFactor { get; init; } = 1.0;

    /// <summary>Tokens per step: B x s.</summary>
    public long TokensPerStep => (long)GlobalBatchSize * SequenceLength;
}
