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
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.Kind, 47, 188, -0.063, 0.625),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits16, BandScope.Kind, 9, 36, -0.272, 0.091),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits8, BandScope.Kind, 30, 129, -0.088, 0.129),
        new(GpuGeneration.Hopper, true, PrecisionWidth.Bits8, BandScope.Kind, 9, 41, -0.292, 1.393),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits8, BandScope.Kind, 66, 308, -0.166, 0.156),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits4, BandScope.Kind, 18, 90, -0.275, 0.147),
        new(GpuGeneration.Blackwell, true, PrecisionWidth.Bits8, BandScope.Kind, 69, 333, -0.229, 0.347),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.Generation, 47, 188, -0.063, 0.625),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits16, BandScope.Generation, 39, 165, -0.138, 0.132),
        new(GpuGeneration.Hopper, true, PrecisionWidth.Bits16, BandScope.Generation, 9, 41, -0.292, 1.393),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits16, BandScope.Generation, 84, 398, -0.208, 0.156),
        new(GpuGeneration.Blackwell, true, PrecisionWidth.Bits16, BandScope.Generation, 73, 351, -0.250, 0.387),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.ModelKind, 170, 751, -0.159, 0.184),
        new(GpuGeneration.Ampere, true, PrecisionWidth.Bits16, BandScope.ModelKind, 82, 392, -0.264, 0.462),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.All, 252, 1143, -0.207, 0.272),
    ];
}
