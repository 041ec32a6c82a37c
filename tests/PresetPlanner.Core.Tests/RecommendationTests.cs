using CsCheck;

namespace PresetPlanner.Core.Tests;

/// <summary>
/// Which row a plan recommends (<see cref="StrategyTable.TryGetRecommended"/>): the fastest, unless it is tight or
/// splits sequences into shorter CP chunks than any published run, and a near-tie without that flaw exists.
/// </summary>
public class RecommendationTests
{
    [Fact]
    public void Gpt3_175B_On512A100_ShortCpChunksGiveWayToTheNearTieWithoutCp()
    {
        // GPT-3 175B on 512 A100 at 4,096 tokens: the fastest layout uses CP=2 (2,048-token chunks) and fits with margin;
        // the recommendation is the fastest layout without CP, a near-tie, and says why.
        var settings = new TrainingSettings { SequenceLength = 4096, GlobalBatchSize = 512 };
        StrategyTable table = PlanningContext.Create(Presets.Gpt3_175B, Clusters.Of(Presets.A100, 512), settings).Plan();
        StrategyResult fastest = table.Rows[0];
        Assert.True(fastest.Fits && !fastest.Tight);
        Assert.Equal(2, fastest.Layout.Cp);

        Assert.True(table.TryGetRecommended(out StrategyResult recommended));
        Assert.Equal(1, recommended.Layout.Cp);
        Assert.InRange(recommended.Time.TokensPerSecondPerGpu / fastest.Time.TokensPerSecondPerGpu, 1 - StrategyTable.NearTie, 1);
        Assert.Contains(Recommendation.Sentences(table), r => r.Contains("2,048-token chunks, shorter than any published run's (4,096)", StringComparison.Ordinal));
    }

    [Fact]
    public void LongSequences_KeepContextParallelism()
    {
        // At 32,768 tokens a CP rank holds 8,192 or more: the short-chunk rule does not apply, and what is recommended
        // (the fastest, or the near-tie with margin when the fastest is tight) keeps CP.
        StrategyTable table = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { SequenceLength = 32768, GlobalBatchSize = 128 }).Plan();

        Assert.True(table.Rows[0].Layout.Cp > 1);
        Assert.True(table.TryGetRecommended(out StrategyResult recommended));
        Assert.True(recommended.Layout.Cp > 1);
        Assert.InRange(32768 / recommended.Layout.Cp, StrategyTable.ShortestPublishedCpChunk, 32768);
        Assert.DoesNotContain(Recommendation.Sentences(table), r => r.Contains("shorter than any published run", StringComparison.Ordinal));
    }

    [Fact]
    public void Recommendation_IsTheFastestUnlessANearTieAvoidsTightnessOrShortCpChunks()
    {
        Generators.Context(512).Sample(ctx =>
        {
            StrategyTable table = ctx.Plan();
            if (!table.TryGetRecommended(out StrategyResult recommended))
            {
                Assert.True(table.Rows.Length == 0 || !table.Rows[0].Fits);
                return;
            }

            StrategyResult fastest = table.Rows[0];
            double tie = fastest.Time.TokensPerSecondPerGpu * (1 - StrategyTable.NearTie);
            StrategyResult[] nearTies = [.. table.Rows.ToArray().TakeWhile(r => r.Fits && r.Time.TokensPerSecondPerGpu >= tie)];
            Assert.True(recommended.Fits);
            Assert.Contains(recommended, nearTies);

            // With margin when any near-tie has it; without short CP chunks when any near-tie with margin avoids them.
            StrategyResult[] withMargin = [.. nearTies.Where(r => !r.Tight)];
            Assert.Equal(withMargin.Length > 0, !recommended.Tight);
            bool avoidable = withMargin.Any(r => r.Layout.Cp == 1);
            Assert.False(avoidable && table.HasShortCpChunks(recommended.Layout), $"{recommended.Layout} has short CP chunks");

            // And otherwise the fastest such row.
            StrategyResult first = withMargin.Length > 0 ? withMargin[0] : fastest;
            StrategyResult expected = table.HasShortCpChunks(first.Layout) && avoidable ? withMargin.First(r => r.Layout.Cp == 1) : first;
            Assert.Equal(expected.Layout, recommended.Layout);

            // A recommendation that keeps short CP chunks says so, and why.
            Assert.Equal(table.HasShortCpChunks(recommended.Layout), Recommendation.Sentences(table).Any(r => r.StartsWith($"CP={recommended.Layout.Cp} gives each rank", StringComparison.Ordinal)));
        }, iter: 40);
    }

    [Fact]
    public void Llama405B_On512A100_KeepsShortCpChunksWithMargin_WhenEveryNearTieWithoutCpIsTight()
    {
        // Llama-3.1-405B on 512 A100 at 4,096 tokens: the fastest layouts use CP 2 (2,048-token chunks); the layouts
        // without CP within 5% fit only tightly, so the recommendation is the fastest CP layout with margin.
        StrategyTable table = PlanningContext.Create(Presets.Llama405B, Clusters.Of(Presets.A100, 512), new TrainingSettings()).Plan();
        Assert.True(table.TryGetRecommended(out StrategyResult recommended));
        Assert.False(recommended.Tight);
        Assert.Equal(2, recommended.Layout.Cp);

        double tie = table.Rows[0].Time.TokensPerSecondPerGpu * (1 - StrategyTable.NearTie);
        StrategyResult[] withoutCp = [.. table.Rows.ToArray().Where(r => r.Fits && r.Layout.Cp == 1 && r.Time.TokensPerSecondPerGpu >= tie)];
        Assert.NotEmpty(withoutCp);
        Assert.All(withoutCp, r => Assert.True(r.Tight));
        Assert.Contains(Recommendation.Sentences(table), r => r.Contains("every layout without CP within 5.0% of the fastest fits only within the memory model's uncertainty", StringComparison.Ordinal));
    }
}
