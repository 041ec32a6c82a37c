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
            foreach (ParallelLayout layout in new StrategyEnumerator(in ctx))
            {
                enumerated.Add(layout);
            }

            var collector = new Collector { Admitted = [] };
            long walked = CandidateSpace.Walk(ctx, ref collector);

            Assert.Equal(CandidateSpace.Count(ctx.Cluster.GpuCount), walked);
            Assert.Equal(enumerated, collector.Admitted);
        }, iter: 40);
    }

    [Fact]
    public void BruteForce_FindsWhatThePrunedSearchFinds()
    {
        Generators.Context(64).Sample(ctx =>
        {
            bool brute = CandidateSpace.TryFindBest(in ctx, out StrategyResult a, out SearchStatistics stats);
            bool pruned = StrategySearch.TryFindBest(in ctx, prune: true, out StrategyResult b, out SearchStatistics prunedStats);

            Assert.Equal(brute, pruned);
            Assert.Equal(a, b);
            Assert.Equal(CandidateSpace.Count(ctx.Cluster.GpuCount), stats.Enumerated);
            Assert.Equal(prunedStats.Enumerated, stats.Evaluated);
        }, iter: 40);
    }

    [Fact]
    public void Gpt22BOn64A100_SeveralMillionCandidates_NoAllocation()
    {
        var ctx = new PlanningContext(Presets.Gpt22B, Clusters.Of(Presets.A100, 64, 8), new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 1024, FlashAttention = false });
        CandidateSpace.TryFindBest(in ctx, out _, out _);

        Assert.True(CandidateSpace.TryFindBest(in ctx, out StrategyResult best, out SearchStatistics stats));
        Assert.Equal(7L * 7 * 7 * 7 * 8 * 7 * 4 * 3 * 2, stats.Enumerated);
        Assert.Equal(StrategyEnumerator.CountAll(in ctx), stats.Evaluated);
        Assert.Equal(0, stats.AllocatedBytes);
        Assert.True(StrategySearch.TryFindBest(in ctx, prune: true, out StrategyResult pruned, out _));
        Assert.Equal(pruned, best);
    }

    [Fact]
    public void TooLargeAProduct_IsRefusedWithTheReason()
    {
        // 720,720 GPUs have 240 divisors: 240^4 x 1,344 candidates would run for days.
        var ctx = new PlanningContext(Presets.Llama70B, Clusters.Of(Presets.H100, 720720, 8), new TrainingSettings());

        Assert.Equal(240L * 240 * 240 * 240 * 1344, CandidateSpace.Count(720720));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CandidateSpace.TryFindBest(in ctx, out _, out _));
        Assert.Contains("StrategySearch", e.Message, StringComparison.Ordinal);
    }

    private struct Collector : ICandidateVisitor
    {
        public List<ParallelLayout> Admitted;

        public readonly void Visit(in PlanningContext ctx, in ParallelLayout layout, bool admitted)
        {
            if (admitted)
            {
                Admitted.Add(layout);
            }
        }
    }
}
