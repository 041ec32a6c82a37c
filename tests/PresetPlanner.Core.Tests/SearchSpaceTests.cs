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
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        var space = new SearchSpace { Tp = ValueSet.Of(4, 8), ZeroStages = ZeroStages.Stage1, RecomputeModes = RecomputeModes.Off };

        int count = 0;
        foreach (ParallelLayout l in ctx.Enumerate(space))
        {
            count++;
            Assert.Contains(l.Tp, new[] { 4, 8 });
            Assert.Equal(1, l.Zero);
            Assert.Equal(RecomputeMode.None, l.Recompute);
        }

        Assert.True(count > 10);
    }

    [Fact]
    public void EmptySet_IsRefusedWithTheField()
    {
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());

        Assert.Equal("Space.ZeroStages", Assert.Throws<PlanInputException>(() => ctx.Plan(new SearchSpace { ZeroStages = ZeroStages.None })).Field);
        Assert.Equal("Space.RecomputeModes", Assert.Throws<PlanInputException>(() => ctx.Count(new SearchSpace { RecomputeModes = (RecomputeModes)64 })).Field);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(64)]
    [InlineData(72)]
    [InlineData(16384)]
    [InlineData(2_000_000_014)]
    public void Divisors_AscendingAndComplete(int n)
    {
        Span<int> buffer = stackalloc int[Divisors.Capacity];
        int count = Divisors.Of(n, buffer);

        int[] expected = Enumerable.Range(1, (int)Math.Sqrt(n)).Where(i => n % i == 0).SelectMany(i => new[] { i, n / i }).Distinct().Order().ToArray();
        Assert.Equal(expected, buffer[..count].ToArray());
    }
}
