namespace PresetPlanner.Core.Tests;

public class SearchSpaceTests
{
    [Fact]
    public void ValueSet_Of_PinsExactlyThoseValues()
    {
        ValueSet set = ValueSet.Of(4, 8, 4);

        Assert.Equal(2, set.Count);
        Assert.False(set.IsAny);
        Assert.True(set.Contains(4));
        Assert.True(set.Contains(8));
        Assert.False(set.Contains(2));
        Assert.True(ValueSet.Any.Contains(3));
        Assert.Equal(ValueSet.Of(8, 4), set);
    }

    [Fact]
    public void Enumerator_PinnedTensorParallel_OnlyEnumeratesThoseDegrees()
    {
        var settings = new TrainingSettings { Space = new SearchSpace { Tp = ValueSet.Of(4, 8), ZeroStages = 0b0010, RecomputeModes = 0b001 } };
        var ctx = new PlanningContext(Presets.Llama70B, Presets.H100x64, settings);

        int count = 0;
        foreach (ParallelLayout l in new StrategyEnumerator(in ctx))
        {
            count++;
            Assert.Contains(l.Tp, new[] { 4, 8 });
            Assert.Equal(1, l.Zero);
            Assert.Equal(RecomputeMode.None, l.Recompute);
        }

        Assert.True(count > 10);
    }
}
