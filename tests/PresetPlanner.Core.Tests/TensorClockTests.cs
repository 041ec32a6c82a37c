namespace PresetPlanner.Core.Tests;

/// <summary>
/// A GPU's tensor clock ratio over the part whose kernel figures it states (<see cref="GpuSpec.TensorClockRatio"/>,
/// Blackwell Ultra's larger power budget; docs/model.md, "Parameters"): every tensor-core rate, not the nominal peak.
/// </summary>
public class TensorClockTests
{
    private static readonly TrainingSettings s_fp8 = new() { Precision = ComputePrecision.Mxfp8, SequenceLength = 8192, GlobalBatchSize = 64 };

    [Theory]
    [InlineData(ComputePrecision.Bf16)]
    [InlineData(ComputePrecision.Mxfp8)]
    [InlineData(ComputePrecision.Nvfp4)]
    public void ClockRatio_RunsLikeTheScaledPeaks_WhileMfuCountsTheNominalOnes(ComputePrecision precision)
    {
        // A ratio r on peaks P runs every GEMM, attention and scan kernel as peaks r P would, and nothing else: the same
        // step. MFU is against the nominal peak, so it is r times the scaled GPU's.
        const double R = 1.15;
        GpuSpec gb200 = Presets.GB200.Spec;
        GpuSpec clocked = gb200 with { TensorClockRatio = R };
        GpuSpec scaled = gb200 with
        {
            PeakBf16FlopsPerSecond = R * gb200.PeakBf16FlopsPerSecond,
            PeakFp8FlopsPerSecond = R * gb200.PeakFp8FlopsPerSecond,
            PeakFp4FlopsPerSecond = R * gb200.PeakFp4FlopsPerSecond,
        };
        TrainingSettings settings = s_fp8 with { Precision = precision };
        ParallelLayout layout = Clusters.Layout(2, 2, 16, zero: 1, sp: true);

        StrategyResult a = PlanningContext.Create(Presets.Llama70B, Clusters.Of(clocked, 64, 72), settings).Evaluate(layout);
        StrategyResult b = PlanningContext.Create(Presets.Llama70B, Clusters.Of(scaled, 64, 72), settings).Evaluate(layout);
        StrategyResult plain = PlanningContext.Create(Presets.Llama70B, Clusters.Of(gb200, 64, 72), settings).Evaluate(layout);

        Assert.Equal(b.Time.StepSeconds, a.Time.StepSeconds, 9);
        Assert.Equal(R * b.Time.Mfu, a.Time.Mfu, 9);
        // Faster than the reference part, but by less than r: the memory-bound work and the links keep their rates.
        Assert.InRange(plain.Time.StepSeconds / a.Time.StepSeconds, 1.02, R);
    }

    [Fact]
    public void BlackwellUltra_StatesItsRatioWithinItsPowerBound_AndFasterAttention()
    {
        // GB300 1.4 kW over GB200's 1.2 kW, B300 1.1 kW over B200's 1.0 kW (docs/model-facts.md, "Kernels").
        Assert.InRange(Presets.GB300.Spec.TensorClockRatio!.Value, 1, 1400.0 / 1200);
        Assert.InRange(Presets.B300.Spec.TensorClockRatio!.Value, 1, 1100.0 / 1000);
        Assert.Null(Presets.GB200.Spec.TensorClockRatio);
        Assert.Null(Presets.H100.Spec.TensorClockRatio);

        // Doubled exponential throughput: each score's two exponentials at 10.7 instead of 5 TeraExponentials/s.
        Assert.InRange(Presets.GB300.Spec.ExponentialsPerSecond!.Value / Presets.GB200.Spec.ExponentialsPerSecond!.Value, 2, 2.2);
        Assert.Equal(Presets.GB300.Spec.ExponentialsPerSecond, Presets.B300.Spec.ExponentialsPerSecond);
        Assert.Equal(AttentionWithFasterExponentials(Presets.GB200.Spec, Presets.GB300.Spec), Presets.GB300.Spec.AttentionEfficiency!.Value, 2);
        Assert.Equal(AttentionWithFasterExponentials(Presets.B200.Spec, Presets.B300.Spec), Presets.B300.Spec.AttentionEfficiency!.Value, 2);
    }

    [Fact]
    public void FasterExponentials_ReproduceNvidiasFp8AttentionForwardGain()
    {
        // The additive sum behind the Blackwell Ultra attention figures, on an FP8 forward pass (matmul time halved) at
        // head dim 128 on B200: NVIDIA measured about 1.35 times (technical blog, "Making Softmax More Efficient with
        // NVIDIA Blackwell Ultra", 2026).
        GpuSpec b200 = Presets.B200.Spec;
        double forward = 4 * 128 / (b200.PeakBf16FlopsPerSecond * b200.AttentionEfficiency!.Value);
        double exp = 1 / b200.ExponentialsPerSecond!.Value;
        double matmul = (forward - exp) / 2;
        Assert.InRange((matmul + exp) / (matmul + (1 / Presets.B300.Spec.ExponentialsPerSecond!.Value)), 1.30, 1.40);
    }

    // A GPU's attention efficiency with its exponentials (one per score forward, one in the backward's recomputation) at
    // the Ultra part's rate rather than its own: 3 x 4 d FLOPs per score forward and backward at head dim 128.
    private static double AttentionWithFasterExponentials(in GpuSpec gpu, in GpuSpec ultra)
    {
        double flops = 3 * 4 * 128;
        double perScore = flops / (gpu.PeakBf16FlopsPerSecond * gpu.AttentionEfficiency!.Value);
        return flops / (gpu.PeakBf16FlopsPerSecond * (perScore - (2 / gpu.ExponentialsPerSecond!.Value) + (2 / ultra.ExponentialsPerSecond!.Value)));
    }
}
