namespace PresetPlanner;

/// <summary>
/// What the time model needs that depends only on the model, the GPU and the settings, not on the layout: FLOPs per
/// token of each layer kind, the effective peaks and the step's model and hardware FLOPs. Computed once per plan.
/// </summary>
internal readonly struct TimeConstants
{
    /// <summary>Forward matmul FLOPs per token of a dense layer.</summary>
    public readonly double DenseLinear;

    /// <summary>Forward matmul FLOPs per token of an MoE layer as executed (routed experts times the capacity factor).</summary>
    public readonly double MoeLinear;

    /// <summary>Forward FLOPs per token of the logits.</summary>
    public readonly double Logits;

    /// <summary>Forward causal attention-score FLOPs per token of one layer at the settings' sequence length.</summary>
    public readonly double Attention;

    /// <summary>Dense matmul peak times its efficiency (FP8 when training in FP8 on a GPU that has it), FLOP/s.</summary>
    public readonly double LinearPeak;

    /// <summary>BF16 peak times the attention efficiency, FLOP/s.</summary>
    public readonly double AttentionPeak;

    /// <summary>The dense peak MFU is measured against, FLOP/s.</summary>
    public readonly double MfuPeak;

    /// <summary>PaLM model FLOPs of one step, all GPUs.</summary>
    public readonly double ModelFlopsPerStep;

    /// <summary>Executed FLOPs of one step without, with selective and with full recomputation, all GPUs.</summary>
    public readonly double HardwareNone;

    /// <inheritdoc cref="HardwareNone"/>
    public readonly double HardwareSelective;

    /// <inheritdoc cref="HardwareNone"/>
    public readonly double HardwareFull;

    /// <summary>Seconds per FLOP of matmuls: 1 / <see cref="LinearPeak"/> (the hot path multiplies instead of dividing).</summary>
    public readonly double SecondsPerLinearFlop;

    /// <summary>Seconds per FLOP of attention: 1 / <see cref="AttentionPeak"/>.</summary>
    public readonly double SecondsPerAttentionFlop;

    /// <summary>Seconds per byte of HBM traffic.</summary>
    public readonly double SecondsPerHbmByte;

    /// <summary>Seconds per byte on the scale-up link at its efficiency.</summary>
    public readonly double SecondsPerScaleUpByte;

    /// <summary>Seconds per byte on the scale-out network at its efficiency.</summary>
    public readonly double SecondsPerScaleOutByte;

    /// <summary>Computes the constants of one plan.</summary>
    public TimeConstants(in ModelCosts costs, in ClusterSpec cluster, in TrainingSettings settings, in EfficiencyModel efficiency)
    {
        GpuSpec gpu = cluster.Gpu;
        ModelSpec m = costs.Model;
        double s = settings.SequenceLength;
        DenseLinear = FlopCount.DenseLayerLinear(costs);
        MoeLinear = FlopCount.MoeLayerLinear(costs, settings.ExpertCapacityFactor);
        Logits = FlopCount.Logits(m);
        Attention = FlopCount.AttentionScores(m, s, causal: true);
        bool low = PrecisionBytes.IsLow(settings.Precision);
        LinearPeak = low ? PrecisionBytes.Peak(settings.Precision, gpu) * efficiency.Fp8Matmul : gpu.PeakBf16FlopsPerSecond * efficiency.Matmul;
        AttentionPeak = gpu.PeakBf16FlopsPerSecond * efficiency.Attention;
        SecondsPerLinearFlop = 1 / LinearPeak;
        SecondsPerAttentionFlop = 1 / AttentionPeak;
        SecondsPerHbmByte = 1 / gpu.MemoryBytesPerSecond;
        SecondsPerScaleUpByte = 1 / (gpu.ScaleUpBytesPerSecond * efficiency.ScaleUp);
        SecondsPerScaleOutByte = 1 / (cluster.ScaleOutBytesPerSecond * efficiency.ScaleOut);
        MfuPeak = low ? PrecisionBytes.Peak(settings.Precision, gpu) : gpu.PeakBf16FlopsPerSecond;
        double tokens = settings.TokensPerStep;
        ModelFlopsPerStep = tokens * FlopCount.ModelPerToken(costs, s);
        double linear = ((m.Layers - costs.MoeLayers) * DenseLinear) + (costs.MoeLayers * MoeLinear);
        double attention = m.Layers * Attention;
        HardwareNone = tokens * ((3 * linear) + (3 * Logits) + (3 * attention));
        HardwareSelective = tokens * ((3 * linear) + (3 * Logits) + (4 * attention));
        HardwareFull = tokens * ((4 * linear) + (3 * Logits) + (4 * attention));
    }

    /// <summary>Executed FLOPs of one step with <paramref name="mode"/>.</summary>
    public double Hardware(RecomputeMode mode) => mode switch
    {
        RecomputeMode.None => HardwareNone,
        RecomputeMode.Selective => HardwareSelective,
        _ => HardwareFull,
    };
}
