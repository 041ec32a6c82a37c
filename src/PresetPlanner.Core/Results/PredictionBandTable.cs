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
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.Kind, 47, 188, -0.071, 0.612),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits16, BandScope.Kind, 9, 36, -0.206, 0.133),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits8, BandScope.Kind, 30, 129, -0.133, 0.079),
        new(GpuGeneration.Hopper, true, PrecisionWidth.Bits8, BandScope.Kind, 9, 41, -0.264, 1.411),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits8, BandScope.Kind, 66, 308, -0.181, 0.135),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits4, BandScope.Kind, 18, 90, -0.275, 0.148),
        new(GpuGeneration.Blackwell, true, PrecisionWidth.Bits8, BandScope.Kind, 69, 333, -0.222, 0.351),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.Generation, 47, 188, -0.071, 0.612),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits16, BandScope.Generation, 39, 165, -0.139, 0.115),
        new(GpuGeneration.Hopper, true, PrecisionWidth.Bits16, BandScope.Generation, 9, 41, -0.264, 1.411),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits16, BandScope.Generation, 84, 398, -0.213, 0.139),
        new(GpuGeneration.Blackwell, true, PrecisionWidth.Bits16, BandScope.Generation, 73, 351, -0.235, 0.381),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.ModelKind, 170, 751, -0.173, 0.166),
        new(GpuGeneration.Ampere, true, PrecisionWidth.Bits16, BandScope.ModelKind, 82, 392, -0.253, 0.470),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.All, 252, 1143, -0.211, 0.281),
    ];
}
