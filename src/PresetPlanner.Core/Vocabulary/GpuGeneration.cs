namespace PresetPlanner.Vocabulary;

/// <summary>
/// A GPU's class by the narrowest number format its tensor cores run, the grouping of the prediction bands
/// (<see cref="Results.PredictionBand"/>): what the calibration runs' GPUs span.
/// </summary>
public enum GpuGeneration
{
    /// <summary>BF16 and no narrower: A100 and its like.</summary>
    Ampere,

    /// <summary>FP8 and no narrower: H100, H200, H800, and GPUs of that capability (L40S, MI300X).</summary>
    Hopper,

    /// <summary>FP4: B200, B300, GB200, GB300.</summary>
    Blackwell,
}
