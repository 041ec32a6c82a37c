namespace PresetPlanner.Core.Tests;

/// <summary>Time to train, GPU-hours, energy and cost from a layout's throughput, and the time/cost front of a sweep.</summary>
public class TimeToTrainTests
{
    private static StrategyResult Seed()
    {
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        return ctx.Evaluate(new ParallelLayout { Tp = 8, Pp = 4, Dp = 2, MicroBatch = 1, Zero = 1, Recompute = RecomputeMode.Selective, SequenceParallel = true });
    }

    [Fact]
    public void Of_FifteenTrillionTokens_IsStepsTimesStepTime()
    {
        StrategyResult r = Seed();
        var t = TimeToTrain.Of(r, 15e12, Presets.Gpus.H100.BoardWatts, 2.5);

        // Steps x step time: 15e12 tokens / (512 x 4096 tokens per step) steps.
        double seconds = 15e12 / (512.0 * 4096) * r.Time.StepSeconds;
        Assert.Equal(seconds, t.Seconds, seconds * 1e-9);
        Assert.Equal(seconds / 86400, t.Days, 1e-9);
        Assert.Equal(64 * seconds / 3600, t.GpuHours, 1e-6);
        Assert.Equal(64 * 700 * seconds / 3.6e9, t.EnergyMegawattHours!.Value, 1e-9);
        Assert.Equal(t.GpuHours * 2.5, t.Cost!.Value, 1e-6);
    }

    [Fact]
    public void Of_NoBoardPowerOrPrice_LeavesThoseUnknown()
    {
        var t = TimeToTrain.Of(Seed(), 1e12, 0, null);
        Assert.Null(t.EnergyJoules);
        Assert.Null(t.Cost);
        Assert.Contains("GPU energy unknown", BudgetText.Sentence(t, 0, null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(15e12, "15T")]
    [InlineData(2.5e12, "2.5T")]
    [InlineData(300e9, "300B")]
    [InlineData(5e6, "5M")]
    public void Tokens_AsBudgetsAreStated(double tokens, string text) => Assert.Equal(text, BudgetText.Tokens(tokens));

    [Fact]
    public void OfTimeAndCost_NoFrontMemberIsBeatenOnBothTimeAndGpuHours()
    {
        SweepPoint[] sweep = InverseQuestions.Sweep(Presets.Llama8B, Presets.H100, 8, new TrainingSettings { GlobalBatchSize = 1024 }, new SearchSpace(), InverseQuestions.Sizes(8, 8, 512));
        bool[] front = ParetoFront.OfTimeAndCost(sweep);
        Assert.Contains(true, front);
        for (int i = 0; i < sweep.Length; i++)
        {
            double perGpu = sweep[i].Best.Time.TokensPerSecondPerGpu;
            double total = perGpu * sweep[i].Gpus;
            // Beaten: another size at least as fast and at least as cheap, and better on one of the two.
            bool beaten = sweep.Any(o => o.Found && o.Gpus != sweep[i].Gpus
                && o.Best.Time.TokensPerSecondPerGpu >= perGpu && o.Best.Time.TokensPerSecondPerGpu * o.Gpus >= total
                && (o.Best.Time.TokensPerSecondPerGpu > perGpu || o.Best.Time.TokensPerSecondPerGpu * o.Gpus > total));
            Assert.Equal(!beaten && sweep[i].Found, front[i]);
        }
    }
}
