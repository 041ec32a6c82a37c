namespace PresetPlanner.Results;

/// <summary>Predicted time of one training step and the throughput figures derived from it.</summary>
/// <param name="ComputeSeconds">Matmul, attention and memory-bound work of all micro-batches on the busiest GPU.</param>
/// <param name="ExposedCommunicationSeconds">TP, PP, CP and EP traffic on the critical path, over all micro-batches.</param>
/// <param name="BubbleSeconds">Pipeline fill and drain: (p-1)/v micro-batch times.</param>
/// <param name="DataParallelSeconds">Gradient reduction (and ZeRO gathers) not hidden behind the backward pass.</param>
/// <param name="OptimizerSeconds">The optimizer step, bound by memory bandwidth.</param>
/// <param name="ModelFlopsPerStep">Model FLOPs of the step (PaLM: 6 Psi_a + 12 L a d_h s per token), all GPUs.</param>
/// <param name="HardwareFlopsPerStep">FLOPs actually executed, including recomputation and causal attention, all GPUs.</param>
/// <param name="Gpus">GPUs in the cluster.</param>
/// <param name="Tokens">Tokens per step.</param>
/// <param name="PeakFlopsPerSecond">Dense peak of one GPU at the training precision.</param>
public readonly record struct StepTime(
    double ComputeSeconds,
    double ExposedCommunicationSeconds,
    double BubbleSeconds,
    double DataParallelSeconds,
    double OptimizerSeconds,
    double ModelFlopsPerStep,
    double HardwareFlopsPerStep,
    int Gpus,
    double Tokens,
    double PeakFlopsPerSecond)
{
    /// <summary>Seconds per step.</summary>
    public double StepSeconds => ComputeSeconds + ExposedCommunicationSeconds + BubbleSeconds + DataParallelSeconds + OptimizerSeconds;

    /// <summary>Tokens per second per GPU.</summary>
    public double TokensPerSecondPerGpu => StepSeconds > 0 ? Tokens / StepSeconds / Gpus : 0;

    /// <summary>Model FLOPs utilisation (PaLM, Chowdhery et al. 2022 Appendix B) against the training precision's dense peak.</summary>
    public double Mfu => StepSeconds > 0 ? ModelFlopsPerStep / (StepSeconds * Gpus * PeakFlopsPerSecond) : 0;

    /// <summary>Hardware FLOPs utilisation: executed FLOPs (with recomputation) against the dense peak.</summary>
    public double Hfu => StepSeconds > 0 ? HardwareFlopsPerStep / (StepSeconds * Gpus * PeakFlopsPerSecond) : 0;

    /// <summary>Model TFLOP/s per GPU (the figure NeMo and Megatron-Bridge publish).</summary>
    public double ModelTflopsPerGpu => StepSeconds > 0 ? ModelFlopsPerStep / StepSeconds / Gpus / 1e12 : 0;
}
