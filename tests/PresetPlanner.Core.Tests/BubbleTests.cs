namespace PresetPlanner.Core.Tests;

public class BubbleTests
{
    [Theory]
    [InlineData(4, 1, 16, 3.0 / 16)]
    [InlineData(8, 1, 64, 7.0 / 64)]
    [InlineData(4, 2, 16, 3.0 / 32)]
    [InlineData(8, 4, 64, 7.0 / 256)]
    [InlineData(1, 1, 8, 0)]
    public void Of_MatchesNarayanan(int p, int v, int m, double ratio)
    {
        PipelineBubble bubble = PipelineBubble.Of(p, v, m);

        Assert.Equal(ratio, bubble.Ratio, 15);
        Assert.Equal(ratio / (1 + ratio), bubble.Fraction, 15);
    }

    [Fact]
    public void Evaluate_PipelineLayout_ReportsBubbleOfItsMicroBatchCount()
    {
        StrategyResult r = Clusters.Evaluate(
            Presets.Llama70B, Presets.H100x64, Clusters.Layout(8, 4, 2, recompute: RecomputeMode.Full, sp: true), new TrainingSettings { GlobalBatchSize = 64 });

        Assert.Equal(32, r.MicroBatches);
        Assert.Equal(3.0 / 32, r.Bubble.Ratio, 15);
    }
}
