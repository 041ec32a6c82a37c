namespace PresetPlanner.Core.Tests;

/// <summary>
/// A space larger than a table holds is planned whole and keeps its best rows: exactly the first rows of the full
/// ranking, whatever the bound, the cores, or ties of the 32-bit rank keys at the boundary; the counts cover every layout.
/// </summary>
public class BoundedPlanTests
{
    private static readonly PlanningContext s_seed = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
    private static readonly StrategyTable s_full = s_seed.Plan(new SearchSpace());

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(1000, 2)]
    [InlineData(4394, 1)]
    [InlineData(10_000, 2)]
    [InlineData(20_759, 1)]
    public void BestRows_AreTheFullPlansFirstRows(int rowLimit, int parallelism)
    {
        StrategyTable bounded = StrategyTable.Create(s_seed, new SearchSpace(), parallelism, rowLimit);

        Assert.True(bounded.Truncated);
        Assert.Equal(rowLimit, bounded.Rows.Length);
        Assert.Equal(s_full.LayoutCount, bounded.LayoutCount);
        Assert.Equal(s_full.FeasibleCount, bounded.FeasibleCount);
        Assert.Equal(s_full.OutOfMemoryCount, bounded.OutOfMemoryCount);
        Assert.True(s_full.Rows[..rowLimit].SequenceEqual(bounded.Rows));
        Assert.Equal(s_full.RecommendedIndex < rowLimit ? s_full.RecommendedIndex : bounded.RecommendedIndex, bounded.RecommendedIndex);
    }

    [Fact]
    public void TheSeedsRanking_HasTiesOfTheRankKeyThatTheBoundMustSplit()
    {
        // The test above splits a run of equal 32-bit keys (so MergeTies decides) at some of its bounds.
        int splits = 0;
        foreach (int limit in new[] { 1, 2, 3, 1000, 4394, 10_000, 20_759 })
        {
            splits += Search.RankSort.Key(s_full.Rows[limit - 1]) == Search.RankSort.Key(s_full.Rows[limit]) ? 1 : 0;
        }

        Assert.True(splits >= 1, "no bound falls inside a run of equal keys");
    }

    [Fact]
    public void UnderTheBound_TheTableIsWhole()
    {
        Assert.False(s_full.Truncated);
        Assert.Equal(s_full.Rows.Length, s_full.LayoutCount);
    }

    [Fact]
    public void FrameworkLeftOut_CountsAgainstEveryLayout_NotTheRowsKept()
    {
        var torchtitan = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { Framework = ExportFramework.Torchtitan });
        StrategyTable full = torchtitan.Plan(new SearchSpace());
        StrategyTable bounded = StrategyTable.Create(torchtitan, new SearchSpace(), 2, 500);

        Assert.True(full.FrameworkLeftOut > 0);
        Assert.Equal(full.FrameworkLeftOut, bounded.FrameworkLeftOut);
        Assert.True(full.Rows[..500].SequenceEqual(bounded.Rows));
    }
}
