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
}
