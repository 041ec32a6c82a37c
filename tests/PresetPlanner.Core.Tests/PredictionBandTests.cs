namespace PresetPlanner.Core.Tests;

/// <summary>
/// <see cref="PredictionBand"/>: which band a plan carries, and what it makes of a prediction (published = predicted /
/// (1 + error)).
/// </summary>
public class PredictionBandTests
{
    private static readonly PredictionBand[] s_table =
    [
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits8, BandScope.Kind, 30, 120, -0.1, 0.2),
        new(GpuGeneration.Hopper, false, PrecisionWidth.Bits16, BandScope.Generation, 40, 160, -0.15, 0.15),
        new(GpuGeneration.Hopper, true, PrecisionWidth.Bits16, BandScope.Generation, 9, 40, -0.3, 1.4),
        new(GpuGeneration.Ampere, true, PrecisionWidth.Bits16, BandScope.ModelKind, 80, 390, -0.25, 0.45),
        new(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.All, 250, 1140, -0.2, 0.27),
    ];

    [Theory]
    [InlineData(GpuGeneration.Hopper, false, PrecisionWidth.Bits8, BandScope.Kind, 0.2)]
    [InlineData(GpuGeneration.Hopper, false, PrecisionWidth.Bits4, BandScope.Generation, 0.15)]
    [InlineData(GpuGeneration.Hopper, true, PrecisionWidth.Bits8, BandScope.Generation, 1.4)]
    [InlineData(GpuGeneration.Blackwell, true, PrecisionWidth.Bits8, BandScope.ModelKind, 0.45)]
    [InlineData(GpuGeneration.Ampere, false, PrecisionWidth.Bits16, BandScope.All, 0.27)]
    public void Find_TakesTheNarrowestScopeThatCoversTheKind(GpuGeneration generation, bool moe, PrecisionWidth width, BandScope scope, double high)
    {
        PredictionBand band = PredictionBand.Find(s_table, generation, moe, width);

        Assert.Equal(scope, band.Scope);
        Assert.Equal(high, band.High);
    }

    [Fact]
    public void ShippedTable_CoversEveryKind_WithItsWidestBandLast()
    {
        Assert.Equal(BandScope.All, PredictionBand.Table[^1].Scope);
        foreach (GpuGeneration g in Enum.GetValues<GpuGeneration>())
        {
            foreach (PrecisionWidth w in Enum.GetValues<PrecisionWidth>())
            {
                foreach (bool moe in new[] { false, true })
                {
                    PredictionBand band = PredictionBand.Find(PredictionBand.Table, g, moe, w);
                    Assert.True(band.Runs >= PredictionBand.MinRuns && band.Low < 0 && band.High > 0, $"{g} {moe} {w}: {band}");
                }
            }
        }
    }

    [Fact]
    public void Range_PublishedIsPredictedOverOnePlusTheError()
    {
        var band = new PredictionBand(GpuGeneration.Hopper, false, PrecisionWidth.Bits8, BandScope.Kind, 30, 120, -0.2, 0.25);

        // An error of +25% (predicted too fast) means the run published 1,000 / 1.25 = 800; of -20%, 1,000 / 0.8 = 1,250.
        Assert.Equal((800, 1250), band.TokensPerSecond(1000));
        // Step times scale the other way: a 10 s prediction stands for 8 to 12.5 s.
        Assert.Equal((8, 12.5), band.StepSeconds(10));
    }

    [Theory]
    [InlineData("a100-80gb", GpuGeneration.Ampere)]
    [InlineData("h100-sxm", GpuGeneration.Hopper)]
    [InlineData("h800", GpuGeneration.Hopper)]
    [InlineData("mi300x", GpuGeneration.Hopper)]
    [InlineData("b200", GpuGeneration.Blackwell)]
    [InlineData("gb300", GpuGeneration.Blackwell)]
    public void Generation_IsTheNarrowestFormatTheGpuRuns(string gpu, GpuGeneration expected)
    {
        Assert.True(Presets.Gpus.TryGet(gpu, out GpuPreset preset));
        Assert.Equal(expected, PredictionBand.GenerationOf(preset.Spec));
    }

    [Fact]
    public void SeedPlan_CarriesTheHopperDenseBf16Band_AndAnFp8MoePlanItsOwn()
    {
        PlanningContext seed = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        Assert.Equal((GpuGeneration.Hopper, false, PrecisionWidth.Bits16), (seed.Band.Generation, seed.Band.Moe, seed.Band.Precision));
        Assert.Equal(PredictionBand.For(Presets.H100.Spec, moe: false, ComputePrecision.Bf16), seed.Band);

        PlanningContext moe = PlanningContext.Create(Presets.Qwen3_30BA3B, Clusters.Of(Presets.B200, 8), new TrainingSettings { Precision = ComputePrecision.Mxfp8 });
        Assert.True(moe.Band.Moe);
        Assert.Equal(GpuGeneration.Blackwell, moe.Band.Generation);
        Assert.NotEqual(seed.Band, moe.Band);
    }
}
