using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// The pipeline bubble of each schedule in seconds, in the terms of DeepSeek-V3's Table 2 and Qi et al.'s Table 2: for one
/// micro-batch on the slowest GPU, F the forward, B the full backward (input and weight gradients, with any recomputed
/// forward), W the weight-gradient GEMMs within B, and F + B = T its whole time (compute and exposed communication).
/// Bubbles that a formula would make negative (W larger than the formulas assume) are 0.
/// </summary>
internal static class ScheduleBubble
{
    /// <summary>
    /// Bubble seconds of one step over <paramref name="p"/> stages (for 1F1B and interleaving, <see cref="StepTimeModel"/>
    /// keeps Narayanan et al.'s (p - 1) T / v):
    /// <list type="bullet">
    /// <item>ZB-H1: (p - 1)(F + B - 2W) (DeepSeek-V3 report Table 2, "ZB1P"; Qi et al. ICLR 2024 Table 2 writes
    /// (p - 1)(T_F + T_B - T_W) with their T_B the input gradient alone);</item>
    /// <item>ZB-V: (p - 1)(F + B - 3W), ZB-H2's bubble (Qi et al. Table 2, (p - 1)(T_F + T_B - 2T_W)) which ZB-V reaches
    /// at 1F1B's memory (arXiv version section 6: zero when the passes are equal; its Table 8 puts ZB-V's bubble rates
    /// within 15% of ZB-H2's); the paper gives no closed form for unequal passes, this is our reading, checked against
    /// that table (ScheduleTests);</item>
    /// <item>DualPipe: (p/2 - 1)(F&amp;B + B - 3W) with F&amp;B = T, a forward and a backward chunk overlapped so that their
    /// all-to-all hides (DeepSeek-V3 report Table 2);</item>
    /// <item>DualPipeV: the same over its 2p chunks of half a GPU's layers, (p - 1)(F&amp;B + B - 3W) / 2 in a GPU's times
    /// (deepseek-ai/DualPipe README, which gives DualPipeV DualPipe's bubble over PP = 2p stages).</item>
    /// </list>
    /// </summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="p">Pipeline stages (GPUs of one pipeline).</param>
    /// <param name="v">Chunks per stage: a schedule is never costed above interleaved 1F1B's (p - 1) T / v on the same
    /// chunks, which it can always fall back to (the formulas assume W near a third of T; with LoRA's W = 0 they would exceed it).</param>
    /// <param name="perMicroBatch">T = F + B.</param>
    /// <param name="forward">F.</param>
    /// <param name="weightGradient">W.</param>
    public static double Seconds(PipelineSchedule schedule, int p, int v, double perMicroBatch, double forward, double weightGradient)
    {
        if (p <= 1)
        {
            return 0;
        }

        double t = perMicroBatch;
        double w = weightGradient;
        double b = t - forward;
        double seconds = schedule switch
        {
            PipelineSchedule.ZeroBubbleH1 => (p - 1) * (t - (2 * w)),
            PipelineSchedule.ZeroBubbleV => (p - 1) * (t - (3 * w)),
            PipelineSchedule.DualPipe => ((p / 2.0) - 1) * (t + b - (3 * w)),
            PipelineSchedule.DualPipeV => (p - 1) * (t + b - (3 * w)) / 2,
            _ => (p - 1) * t,
        };
        return Math.Clamp(seconds, 0, (p - 1) * t / Math.Max(v, 1));
    }
}
