namespace PresetPlanner.Results;

/// <summary>
/// The pipeline bubble of 1F1B or interleaved 1F1B (Narayanan et al. SC'21 section 2.2: (p-1)/m, and (p-1)/(v m)
/// with v virtual stages).
/// </summary>
/// <param name="Ratio">Bubble time over ideal compute time: (p-1)/(v m).</param>
public readonly record struct PipelineBubble(double Ratio)
{
    /// <summary>Share of the step spent idle: ratio / (1 + ratio) = (p-1)/(v m + p - 1).</summary>
    public double Fraction => Ratio / (1 + Ratio);

    /// <summary>The bubble of <paramref name="p"/> stages, <paramref name="v"/> virtual stages each, and <paramref name="m"/> micro-batches.</summary>
    public static PipelineBubble Of(int p, int v, int m) =>
        new(p <= 1 || m <= 0 ? 0 : (p - 1) / ((double)Math.Max(v, 1) * m));
}
