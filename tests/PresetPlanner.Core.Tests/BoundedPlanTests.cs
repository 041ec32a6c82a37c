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

    [Fact]
    public void EveryBoundInsideARunOfEqualKeys_KeepsTheFullPlansFirstRows()
    {
        // Each run of equal 32-bit keys, cut after its first row: the boundary's ties among the first rows enumerated
        // compete with those after them, and the losers' slots take the rows kept later.
        var cuts = new List<int>();
        for (int end = 1; end < s_full.Rows.Length; end++)
        {
            bool splitsARun = Search.RankSort.Key(s_full.Rows[end - 1]) == Search.RankSort.Key(s_full.Rows[end]);
            bool firstOfRun = end == 1 || Search.RankSort.Key(s_full.Rows[end - 2]) != Search.RankSort.Key(s_full.Rows[end - 1]);
            if (splitsARun && firstOfRun)
            {
                cuts.Add(end);
            }
        }

        // At most 24 of them, spread over the ranking (each is a whole plan).
        int runs = 0;
        for (int k = 0; k < Math.Min(24, cuts.Count); k++)
        {
            int end = cuts[k * cuts.Count / Math.Min(24, cuts.Count)];
            StrategyTable bounded = StrategyTable.Create(s_seed, new SearchSpace(), 1 + (k % 2), end);
            Assert.True(s_full.Rows[..end].SequenceEqual(bounded.Rows), $"bound {end}");
            runs++;
        }

        Assert.True(runs >= 5, $"only {runs} runs of equal keys");
    }

    [Fact]
    public void JustOverTheBound_EachLayoutIsEvaluatedOnce()
    {
        // The first pass's results of the first rows stay where they are: only the kept layouts after them are evaluated
        // again (here the last layout, if it is kept).
        StrategyTable bounded = StrategyTable.Create(s_seed, new SearchSpace(), 2, s_full.LayoutCount - 1);

        Assert.InRange(bounded.Evaluations, s_full.LayoutCount, s_full.LayoutCount + 1);
        Assert.True(s_full.Rows[..^1].SequenceEqual(bounded.Rows));
    }

    [Fact]
    public void ASpaceOfSeveralChunks_KeepsTheFullPlansFirstRows()
    {
        // 66,708 layouts: the passes read the enumeration in chunks of 65,536, the second chunk wholly past the rows kept.
        var kimi = PlanningContext.Create(Presets.KimiK2, Presets.H100x16384, new TrainingSettings { GlobalBatchSize = 8192 });
        StrategyTable full = kimi.Plan(new SearchSpace());
        StrategyTable bounded = StrategyTable.Create(kimi, new SearchSpace(), 2, 1000);

        Assert.True(full.LayoutCount > 65_536, $"{full.LayoutCount} layouts fit one chunk");
        Assert.Equal(full.LayoutCount, bounded.LayoutCount);
        Assert.Equal(full.FeasibleCount, bounded.FeasibleCount);
        Assert.True(full.Rows[..1000].SequenceEqual(bounded.Rows));
    }
}
