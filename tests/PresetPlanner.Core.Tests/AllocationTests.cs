namespace PresetPlanner.Core.Tests;

public class AllocationTests
{
    [Fact]
    public void Evaluate_AfterWarmUp_AllocatesNothing()
    {
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        ParallelLayout layout = Clusters.Layout(8, 4, 2, zero: 1, recompute: RecomputeMode.Selective, sp: true);
        ctx.Evaluate(layout);

        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        for (int i = 0; i < 1000; i++)
        {
            sum += ctx.Evaluate(layout).Memory.Total;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }

    [Fact]
    public void Plan_IntoCallerSpan_AfterWarmUp_AllocatesNothing()
    {
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        var space = new SearchSpace();
        var buffer = new StrategyResult[ctx.Count(space)];
        ctx.Plan(space, buffer);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int count = ctx.Plan(space, buffer);
        int enumerated = ctx.Count(space);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(buffer.Length, count);
        Assert.Equal(count, enumerated);
    }

    [Fact]
    public void TryFindRecommended_AfterWarmUp_AllocatesNothing()
    {
        // The seed example takes all three searches (its fastest layout is tight).
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        var space = new SearchSpace();
        ctx.TryFindRecommended(space, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool found = ctx.TryFindRecommended(space, out SearchResult result);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(found && !result.Best.Tight);
    }

    [Fact]
    public void Plan_RankingWithoutMoving_IsThePlansOrder_AndAllocatesNothing()
    {
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        var space = new SearchSpace();
        int n = ctx.Count(space);
        var ranked = new StrategyResult[n];
        var results = new StrategyResult[n];
        int[] ranking = new int[n];
        ctx.Plan(space, ranked);
        ctx.Plan(space, results, ranking);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int count = ctx.Plan(space, results, ranking);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(n, count);
        // The results stay in enumeration order (the first one enumerated is not the best) and the ranking reads them
        // in exactly the order of the sorted plan.
        Assert.NotEqual(0, ranking[0]);
        Assert.Equal(n, ranking.Distinct().Count());
        for (int k = 0; k < n; k++)
        {
            Assert.Equal(ranked[k], results[ranking[k]]);
        }
    }
}
