namespace PresetPlanner.Results;

/// <summary>Peak memory of one GPU on the most loaded pipeline stage, in bytes.</summary>
/// <param name="Weights">BF16 weights (plus the FP8 cache and ZeRO-3 gather buffers).</param>
/// <param name="Gradients">Gradient buffer.</param>
/// <param name="Optimizer">fp32 master weights and optimizer moments.</param>
/// <param name="Activations">Activations of the micro-batches in flight.</param>
/// <param name="Other">Reserve: CUDA context, communication buffers and allocator fragmentation.</param>
public readonly record struct MemoryBreakdown(double Weights, double Gradients, double Optimizer, double Activations, double Other)
{
    /// <summary>Weights + gradients + optimizer state.</summary>
    public double ModelStates => Weights + Gradients + Optimizer;

    /// <summary>Everything.</summary>
    public double Total => Weights + Gradients + Optimizer + Activations + Other;
}
