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
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.Kind, 47, 188, -0.071, 0.610),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits16, BandScope.Kind, 9, 36, -0.213, 0.126),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits8, BandScope.Kind, 30, 129, -0.082, 0.074),
        new(GpuGeneration.Hopper, true, PrecisionWidth.Bits8, BandScope.Kind, 9, 41, -0.421, 1.359),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits8, BandScope.Kind, 66, 308, -0.067, 0.157),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits4, BandScope.Kind, 18, 90, -0.333, 0.081),
        new(GpuGeneration.Blackwell, true, PrecisionWidth.Bits8, BandScope.Kind, 69, 333, -0.127, 0.344),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.Generation, 47, 188, -0.071, 0.610),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits16, BandScope.Generation, 39, 165, -0.101, 0.075),
        new(GpuGeneration.Hopper, true, PrecisionWidth.Bits16, BandScope.Generation, 9, 41, -0.421, 1.359),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits16, BandScope.Generation, 84, 398, -0.101, 0.142),
        new(GpuGeneration.Blackwell, true, PrecisionWidth.Bits16, BandScope.Generation, 73, 351, -0.131, 0.344),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.ModelKind, 170, 751, -0.097, 0.167),
        new(GpuGeneration.Ampere, true, PrecisionWidth.Bits16, BandScope.ModelKind, 82, 392, -0.161, 0.377),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.All, 252, 1143, -0.112, 0.235),
    ];
}
