namespace PresetPlanner.Vocabulary;

/// <summary>The width of a training precision's GEMM inputs, the grouping of the prediction bands.</summary>
public enum PrecisionWidth
{
    /// <summary>BF16.</summary>
    Bits16,

    /// <summary>Every 8-bit recipe: FP8 delayed, current and blockwise scaling, MXFP8.</summary>
    Bits8,

    /// <summary>NVFP4.</summary>
    Bits4,
}
