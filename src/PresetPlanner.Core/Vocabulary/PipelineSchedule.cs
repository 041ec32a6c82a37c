namespace PresetPlanner.Vocabulary;

/// <summary>
/// The pipeline schedule: in which order each stage runs its micro-batches' forward and backward passes, which sets the
/// bubble, the activations a stage holds and what its communication can hide behind (docs/model.md, "Pipeline
/// schedules", gives each formula with its source).
/// </summary>
public enum PipelineSchedule
{
    /// <summary>
    /// 1F1B (PipeDream-Flush; Narayanan et al. SC'21 section 2.2), interleaved over the layout's virtual stages when VP &gt; 1:
    /// Megatron-Core's schedule, and torchtitan's <c>1F1B</c> / <c>Interleaved1F1B</c>.
    /// </summary>
    OneForwardOneBackward,

    /// <summary>
    /// ZB-H1 (Qi et al. ICLR 2024, "Zero Bubble Pipeline Parallelism", section 2.1): the backward split into its input and
    /// weight gradients, the weight gradients delayed into the drain, at 1F1B's peak memory; one chunk per stage.
    /// </summary>
    ZeroBubbleH1,

    /// <summary>
    /// ZB-V (Qi et al. 2024, section 6 of the arXiv version): two chunks per stage in a V (the first stage holds the first and
    /// the last chunk), the weight gradients filling the bubble, at 1F1B's peak memory; torchtitan's <c>ZBVZeroBubble</c>.
    /// </summary>
    ZeroBubbleV,

    /// <summary>
    /// DualPipe (DeepSeek-V3 report section 3.2.1, Table 2): micro-batches fed from both ends, each stage holding two
    /// stages' parameters, a forward and a backward chunk overlapped so that the MoE all-to-all hides behind compute.
    /// </summary>
    DualPipe,

    /// <summary>
    /// DualPipeV (deepseek-ai/DualPipe README, the "cut-in-half" DualPipe): DualPipe folded onto half the GPUs in a V, two
    /// chunks per stage, one copy of the parameters; torchtitan's <c>DualPipeV</c>.
    /// </summary>
    DualPipeV,
}
