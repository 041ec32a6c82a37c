using PresetPlanner.Vocabulary;

namespace PresetPlanner.Results;

/// <summary>
/// The shipped prediction bands, written by <c>preset-planner validate --bands</c> from the out-of-sample protocol's
/// held-out predictions (docs/validation.md, "Prediction bands"); <c>ValidationTests</c> fails when they are stale.
/// </summary>
internal static class PredictionBandTable
{
    /// <summary>Narrowest scope first; the last covers every run.</summary>
    internal static readonly PredictionBand[] Entries =
    [
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.Kind, 47, 188, -0.073, 0.610),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits16, BandScope.Kind, 9, 36, -0.215, 0.109),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits8, BandScope.Kind, 30, 129, -0.090, 0.062),
        new(GpuGeneration.Hopper, true, PrecisionWidth.Bits8, BandScope.Kind, 9, 41, -0.267, 1.367),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits8, BandScope.Kind, 66, 308, -0.076, 0.155),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits4, BandScope.Kind, 18, 90, -0.332, 0.106),
        new(GpuGeneration.Blackwell, true, PrecisionWidth.Bits8, BandScope.Kind, 69, 333, -0.208, 0.342),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.Generation, 47, 188, -0.073, 0.610),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits16, BandScope.Generation, 39, 165, -0.105, 0.068),
        new(GpuGeneration.Hopper, true, PrecisionWidth.Bits16, BandScope.Generation, 9, 41, -0.267, 1.367),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits16, BandScope.Generation, 84, 398, -0.101, 0.141),
        new(GpuGeneration.Blackwell, true, PrecisionWidth.Bits16, BandScope.Generation, 73, 351, -0.220, 0.364),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.ModelKind, 170, 751, -0.096, 0.162),
        new(GpuGeneration.Ampere, true, PrecisionWidth.Bits16, BandScope.ModelKind, 82, 392, -0.233, 0.386),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.All, 252, 1143, -0.135, 0.275),
    ];
}
