using CsCheck;

namespace PresetPlanner.Core.Tests;

public class CandidateSpaceTests
{
    [Fact]
    public void CrossProductFilteredByAdmits_IsExactlyTheEnumeratedSequence()
    {
        // The enumerator prunes prefixes; walking the full product and keeping what Admits accepts must give the same
        // layouts in the same order, so the pruning drops nothing of the space.
        Generators.Context(64).Sample(ctx =>
        {
            var enumerated = new List<ParallelLayout>();
            foreach (ParallelLayout layout in ctx.Enumerate(new SearchSpace()))
            {
                enumerated.Add(layout);
            }

            var collector = new Collector { Admitted = [] };
            long walked = CandidateSpace.Walk(ctx.Costing, new SearchSpace(), ref collector);

            Assert.Equal(CandidateSpace.Count(ctx.Cluster.GpuCount), walked);
            Assert.Equal(enumerated, collector.Admitted);
        }, iter: 40);
    }

    [Fact]
    public void EverySchedule_CrossProductFilteredByAdmits_IsExactlyTheEnumeratedSequence()
    {
        // The same with every pipeline schedule walked: the schedule rules prune the enumeration exactly as Admits filters.
        var space = new SearchSpace { Schedules = PipelineSchedules.All };
        Generators.Context(64).Sample(ctx =>
        {
            var enumerated = new List<ParallelLayout>();
            foreach (ParallelLayout layout in ctx.Enumerate(space))
            {
                enumerated.Add(layout);
            }

            var collector = new Collector { Admitted = [] };
            CandidateSpace.Walk(ctx.Costing, space, ref collector);

            Assert.Equal(enumerated, collector.Admitted);
        }, iter: 15);
    }

    [Fact]
    public void BruteForce_FindsWhatThePrunedSearchFinds()
    {
        Generators.Context(64).Sample(ctx =>
        {
            bool brute = CandidateSpace.TryFindBest(ctx.Costing, new SearchSpace(), out SearchResult a);
            bool pruned = ctx.TryFindBest(new SearchSpace(), out SearchResult b);

            Assert.Equal(brute, pruned);
            Assert.Equal(a.Best, b.Best);
            Assert.Equal(CandidateSpace.Count(ctx.Cluster.GpuCount), a.Statistics.Enumerated);
            Assert.Equal(b.Statistics.Enumerated, a.Statistics.Evaluated);
        }, iter: 40);
    }

    [Fact]
    public void Gpt22BOn64A100_SeveralMillionCandidates_NoAllocation()
    {
        var ctx = PlanningContext.Create(Presets.Gpt22B, Clusters.Of(Presets.A100, 64, 8), new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 1024, FlashAttention = false });
        var space = new SearchSpace();
        CandidateSpace.TryFindBest(ctx.Costing, space, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(CandidateSpace.TryFindBest(ctx.Costing, space, out SearchResult best));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        // TP (with ETP 1 or TP: 13), PP, CP, EP (7 divisors each), VP 8 x 5 schedules, 7 micro-batches, 4 x 3 x 2 variants.
        Assert.Equal(13L * 7 * 7 * 7 * 8 * 5 * 7 * 4 * 3 * 2, best.Statistics.Enumerated);
        Assert.Equal(ctx.Count(space), best.Statistics.Evaluated);
        Assert.True(ctx.TryFindBest(space, out SearchResult pruned));
        Assert.Equal(pruned.Best, best.Best);
    }

    [Fact]
    public void TooLargeAProduct_IsRefusedWithTheReason()
    {
        // 720,720 GPUs have 240 divisors: (2 x 240 - 1) x 240^3 x 6,720 candidates (ETP 1 or TP; 8 VP x 5 schedules x 7
        // micro-batches x 24 variants) would run for days.
        var ctx = PlanningContext.Create(Presets.Llama70B, Clusters.Of(Presets.H100, 720720, 8), new TrainingSettings());

        Assert.Equal(479L * 240 * 240 * 240 * 6720, CandidateSpace.Count(720720));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CandidateSpace.TryFindBest(ctx.Costing, new SearchSpace(), out _));
        Assert.Contains("StrategySearch", e.Message, StringComparison.Ordinal);
    }

    private struct Collector : ICandidateVisitor
    {
        public List<ParallelLayout> Admitted;

        public readonly void Visit(CostContext ctx, in ParallelLayout layout, bool admitted)
        {
            if (admitted)
            {
                Admitted.Add(layout);
            }
        }
    }
}
