namespace PresetPlanner.Results;

/// <summary>
/// The pipeline bubble: for 1F1B or interleaved 1F1B (Narayanan et al. SC'21 section 2.2) (p-1)/m, and (p-1)/(v m)
/// with v virtual stages; for the other schedules the bubble seconds over the micro-batches' time (docs/model.md,
/// "Pipeline schedules").
/// </summary>
/// <param name="Ratio">Bubble time over ideal compute time: (p-1)/(v m) under 1F1B.</param>
public readonly record struct PipelineBubble(double Ratio)
{
    /// <summary>Share of the step spent idle: ratio / (1 + ratio) = (p-1)/(v m + p - 1).</summary>
    public double Fraction => Ratio / (1 + Ratio);

    /// <summary>The bubble of <paramref name="p"/> stages, <paramref name="v"/> virtual stages each, and <paramref name="m"/> micro-batches.</summary>
    public static PipelineBubble Of(int p, int v, int m) =>
        new(p <= 1 || m <= 0 ? 0 : (p - 1) / ((double)Math.Max(v, 1) * m));

    /// <summary>The bubble of a step: its bubble seconds over its micro-batches' compute and exposed communication.</summary>
    public static PipelineBubble OfTime(in StepTime time)
    {
        double work = time.ComputeSeconds + time.ExposedCommunicationSeconds;
        return new(work > 0 ? time.BubbleSeconds / work : 0);
    }
}
