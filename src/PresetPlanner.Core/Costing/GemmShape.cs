namespace PresetPlanner.Costing;

/// <summary>
/// GEMM efficiency by shape: eta(M, N, K) = eta_max M/(M+h) N/(N+h) K/(K+h) (<see cref="Settings.EfficiencyModel.GemmHalfDimension"/>),
/// folded into per-layer factors that the hot path multiplies (docs/model.md, "GEMM shapes").
/// </summary>
/// <remarks>
/// A layer's GEMMs share their token dimension M and their whole dimension H (the hidden size every TP rank holds);
/// GEMM i's other dimension d_i is split by TP. Its time at eta_max is 2 M H (d_i / t) (1 + h/M)(1 + h/H)(1 + h t / d_i)
/// = 2 M H (d_i / t + h)(1 + h/M)(1 + h/H): summed over the layer's G GEMMs, (F / t + 2 H h G) per token, where F is the
/// layer's forward FLOPs per token. Relative to F / t the layer is stretched by (1 + t P)(1 + h/M)(1 + h/H) with the
/// split penalty P = 2 H h G / F, whatever the split sizes are.
/// </remarks>
internal static class GemmShape
{
    /// <summary>
    /// The split penalty 2 W h G / F of <paramref name="gemms"/> GEMMs per token whose whole dimension is
    /// <paramref name="whole"/> and whose forward FLOPs per token are <paramref name="flops"/>; 0 without FLOPs.
    /// </summary>
    public static double SplitPenalty(double whole, double half, double gemms, double flops) => flops > 0 ? 2 * whole * half * gemms / flops : 0;

    /// <summary>The stretch of a layer's GEMMs at split degree <paramref name="split"/> and token dimension <paramref name="tokens"/>.</summary>
    public static double Stretch(double penalty, int split, double wholeFactor, double half, double tokens) =>
        (1 + (split * penalty)) * wholeFactor * (1 + (half / Math.Max(tokens, 1)));
}
