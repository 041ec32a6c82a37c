namespace PresetPlanner;

/// <summary>
/// The few physical efficiencies of the time model: what fraction of a peak each kind of work reaches, and the fixed
/// latency of a collective. Defaults are fitted on ../shared/calibration/published-runs.csv (docs/validation.md);
/// GPU and cluster presets may override them.
/// </summary>
/// <param name="Matmul">Fraction of the dense BF16 tensor peak that GEMMs reach (eta_compute).</param>
/// <param name="Fp8Matmul">Fraction of the dense FP8 peak that FP8 GEMMs reach (lower: scaling, casts and smaller tiles).</param>
/// <param name="Attention">Fraction of the BF16 peak that the attention core (FlashAttention) reaches.</param>
/// <param name="ScaleUp">Fraction of the scale-up link bandwidth that NCCL collectives reach (bus bandwidth).</param>
/// <param name="ScaleOut">Fraction of the scale-out NIC bandwidth that NCCL collectives reach.</param>
/// <param name="ScaleUpLatency">Fixed cost of one collective inside a node, seconds.</param>
/// <param name="ScaleOutLatency">Fixed cost of one collective across nodes, seconds.</param>
/// <param name="DataParallelOverlap">Fraction of the overlapping compute that hides gradient reduction and ZeRO gathers.</param>
/// <param name="CommunicationOverlap">Fraction of TP and EP traffic hidden behind computation when communication overlap is on.</param>
public readonly record struct EfficiencyModel(
    double Matmul,
    double Fp8Matmul,
    double Attention,
    double ScaleUp,
    double ScaleOut,
    double ScaleUpLatency,
    double ScaleOutLatency,
    double DataParallelOverlap,
    double CommunicationOverlap)
{
    /// <summary>The calibrated defaults (docs/validation.md).</summary>
    public static EfficiencyModel Default { get; } = new(
        Matmul: 0.700,
        Fp8Matmul: 0.525,
        Attention: 0.350,
        ScaleUp: 0.450,
        ScaleOut: 0.900,
        ScaleUpLatency: 15e-6,
        ScaleOutLatency: 30e-6,
        DataParallelOverlap: 0.600,
        CommunicationOverlap: 0.625);

    /// <summary>The efficiencies for a cluster: the defaults, overridden where its GPU or cluster preset states its own.</summary>
    internal static EfficiencyModel For(in ClusterSpec cluster) => Default with
    {
        Matmul = cluster.Gpu.MatmulEfficiency ?? Default.Matmul,
        ScaleUp = cluster.Gpu.ScaleUpEfficiency ?? Default.ScaleUp,
        ScaleOut = cluster.ScaleOutEfficiency ?? Default.ScaleOut,
    };
}
