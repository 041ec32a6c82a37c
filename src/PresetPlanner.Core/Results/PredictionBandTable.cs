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
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.Kind, 47, 188, -0.073, 0.608),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits16, BandScope.Kind, 9, 36, -0.207, 0.113),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits8, BandScope.Kind, 30, 129, -0.087, 0.078),
        new(GpuGeneration.Hopper, true, PrecisionWidth.Bits8, BandScope.Kind, 9, 41, -0.264, 1.428),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits8, BandScope.Kind, 66, 308, -0.063, 0.152),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits4, BandScope.Kind, 18, 90, -0.334, 0.092),
        new(GpuGeneration.Blackwell, true, PrecisionWidth.Bits8, BandScope.Kind, 69, 333, -0.207, 0.356),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.Generation, 47, 188, -0.073, 0.608),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits16, BandScope.Generation, 39, 165, -0.104, 0.080),
        new(GpuGeneration.Hopper, true, PrecisionWidth.Bits16, BandScope.Generation, 9, 41, -0.264, 1.428),
        new(GpuGeneration.Blackwell, false, PrecisionWidth.Bits16, BandScope.Generation, 84, 398, -0.096, 0.143),
        new(GpuGeneration.Blackwell, true, PrecisionWidth.Bits16, BandScope.Generation, 73, 351, -0.209, 0.382),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.ModelKind, 170, 751, -0.094, 0.164),
        new(GpuGeneration.Ampere, true, PrecisionWidth.Bits16, BandScope.ModelKind, 82, 392, -0.223, 0.392),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.All, 252, 1143, -0.137, 0.279),
    ];
}
