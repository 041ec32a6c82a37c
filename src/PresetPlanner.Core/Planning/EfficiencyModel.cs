namespace PresetPlanner;

/// <summary>
/// The few physical efficiencies of the time model: what fraction of a peak each kind of work reaches, and the fixed
/// latency of a collective. Defaults are fitted on ../shared/calibration/published-runs.csv (docs/validation.md);
/// GPU and cluster presets may override them.
/// </summary>
/// <param name="Matmul">Fraction of the dense tensor peak that GEMMs reach (eta_compute).</param>
/// <param name="Attention">Fraction of the BF16 peak that the attention core (FlashAttention) reaches.</param>
/// <param name="ScaleUp">Fraction of the scale-up link bandwidth that NCCL collectives reach (bus bandwidth).</param>
/// <param name="ScaleOut">Fraction of the scale-out NIC bandwidth that NCCL collectives reach.</param>
/// <param name="ScaleUpLatency">Fixed cost of one collective inside a node, seconds.</param>
/// <param name="ScaleOutLatency">Fixed cost of one collective across nodes, seconds.</param>
/// <param name="DataParallelOverlap">Fraction of one micro-batch's backward pass that hides the gradient reduction.</param>
public readonly record struct EfficiencyModel(
    double Matmul,
    double Attention,
    double ScaleUp,
    double ScaleOut,
    double ScaleUpLatency,
    double ScaleOutLatency,
    double DataParallelOverlap)
{
    /// <summary>The calibrated defaults (docs/validation.md).</summary>
    public static EfficiencyModel Default { get; } = new(
        Matmul: 0.70,
        Attention: 0.45,
        ScaleUp: 0.75,
        ScaleOut: 0.80,
        ScaleUpLatency: 15e-6,
        ScaleOutLatency: 30e-6,
        DataParallelOverlap: 1.0);

    /// <summary>The efficiencies for a GPU: the defaults, overridden where the preset states its own.</summary>
    public static EfficiencyModel For(in GpuSpec gpu) => Default with
    {
        Matmul = gpu.MatmulEfficiency > 0 ? gpu.MatmulEfficiency : Default.Matmul,
        ScaleUp = gpu.ScaleUpEfficiency > 0 ? gpu.ScaleUpEfficiency : Default.ScaleUp,
    };
}
