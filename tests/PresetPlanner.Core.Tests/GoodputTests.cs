namespace PresetPlanner.Core.Tests;

/// <summary>
/// Goodput with failures and checkpoints (issue 34 item 2): Daly's optimum interval and wall-clock model, and the Llama 3
/// 405B run on 16,384 H100 with its interruptions and effective training time (Llama Team 2024, section 3.3.4).
/// </summary>
public class GoodputTests
{
    // Daly 2006, his worked examples: delta = 5 min with M = 24 h, 6 h and 15 min give 117, 57 and 9.1 minutes.
    [Theory]
    [InlineData(24 * 60, 117)]
    [InlineData(6 * 60, 57)]
    [InlineData(15, 9.1)]
    public void DalyInterval_GivesDalysOwnExamples(double mtbfMinutes, double published)
    {
        Assert.Equal(published, Goodput.DalyInterval(5 * 60, mtbfMinutes * 60) / 60, published >= 50 ? 0.5 : 0.05);
    }

    [Fact]
    public void Fraction_FallsWithTheRestart_AndWithTheCheckpointCost_AndIsOneWithoutFailures()
    {
        double m = 3 * 3600;
        double tau = Goodput.DalyInterval(10, m);
        double quick = Goodput.FractionOf(tau, 10, 60, m);

        Assert.True(Goodput.FractionOf(tau, 10, 1800, m) < quick);
        Assert.True(Goodput.FractionOf(Goodput.DalyInterval(100, m), 100, 60, m) < quick);
        // Daly's optimum is the best interval: half or twice it trains less.
        Assert.True(Goodput.FractionOf(tau / 2, 10, 60, m) < quick && Goodput.FractionOf(tau * 2, 10, 60, m) < quick);
        Assert.Equal(1, Goodput.FractionOf(tau, 0, 0, 1e15), 6);
    }

    [Fact]
    public void Llama3_405B_On16384H100_ShowsItsInterruptionsAndItsEffectiveTrainingTime()
    {
        // Meta's layout (Table 4 of the paper: TP 8, PP 16, DP 128, interleaved) at 8K, 16M tokens per step.
        var settings = new TrainingSettings { SequenceLength = 8192, GlobalBatchSize = 2048, EmbeddingInPipelineSplit = true, LossInPipelineSplit = true };
        var ctx = PlanningContext.Create(Presets.Llama405B, Presets.H100x16384, settings);
        StrategyResult row = ctx.Evaluate(Clusters.Layout(8, 16, 128, vp: 8, zero: 1, sp: true));
        Goodput g = Goodput.Of(row, ctx.Model, ctx.Settings, ctx.Cluster, new Reliability());

        // 419 unexpected interruptions in the 54-day snapshot, at the rate the default takes from it.
        Assert.Equal(419, g.Interruptions(54 * 86_400.0), 1);
        // "Higher than 90% effective training time".
        Assert.InRange(g.Fraction, 0.90, 0.96);
        // "Checkpointing saves each GPU's model state, ranging from 1 MB to 4 GB per GPU".
        Assert.InRange(g.CheckpointBytesPerGpu, 1e6, 4e9);
        // Asynchronous checkpointing blocks for less and trains more.
        Goodput async = Goodput.Of(row, ctx.Model, ctx.Settings, ctx.Cluster, new Reliability { AsyncCheckpoint = true });
        Assert.True(async.BlockingSeconds < g.BlockingSeconds && async.Fraction > g.Fraction);
        // The preset's storage (Tectonic's 2 TB/s over 2,048 servers) sets the write; an override replaces it.
        Assert.Equal(0.98e9, ctx.Cluster.StorageWriteBytesPerSecondPerNode);
        Goodput faster = Goodput.Of(row, ctx.Model, ctx.Settings, ctx.Cluster, new Reliability { WriteBytesPerSecondPerNode = 9.8e9 });
        Assert.Equal(g.WriteSeconds / 10, faster.WriteSeconds, 1e-9);
    }

    [Fact]
    public void CheckpointPerGpu_FollowsTheLayoutsSharding()
    {
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        StrategyResult zero1 = ctx.Evaluate(Clusters.Layout(8, 4, 2, zero: 1, sp: true));
        StrategyResult zero0 = ctx.Evaluate(Clusters.Layout(8, 4, 2, zero: 0, sp: true));
        StrategyResult shallow = ctx.Evaluate(Clusters.Layout(8, 2, 4, zero: 1, sp: true));
        double total = Presets.Llama70B.Spec.TotalParameters * 12.0;

        Goodput Of(in StrategyResult r) => Goodput.Of(r, ctx.Model, ctx.Settings, ctx.Cluster, new Reliability());
        // Each GPU writes its shard: at least the state over the GPUs, its busiest stage's share above that.
        Assert.InRange(Of(zero1).CheckpointBytesPerGpu, total / 64, 1.3 * total / 64);
        // Without ZeRO the replicas split the write of their common state.
        Assert.Equal(Of(zero1).CheckpointBytesPerGpu, Of(zero0).CheckpointBytesPerGpu, 0.02 * Of(zero1).CheckpointBytesPerGpu);
        Assert.InRange(Of(shallow).CheckpointBytesPerGpu, total / 64, 1.3 * total / 64);

        // HSDP: four replicas of a shard group of 2 hold the same shard and split its write.
        var hsdp = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { ShardGroupSize = 2 });
        StrategyResult grouped = hsdp.Evaluate(Clusters.Layout(8, 1, 8, zero: 3, sp: true));
        double owned = grouped.Memory.Optimizer;
        Assert.Equal(Math.Max(total / 64, owned / 4), Goodput.Of(grouped, hsdp.Model, hsdp.Settings, hsdp.Cluster, new Reliability()).CheckpointBytesPerGpu, 1);
    }

    [Fact]
    public void Lora_AndNoFailures_GiveFiniteGoodput()
    {
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { Lora = true });
        StrategyResult row = ctx.Evaluate(Clusters.Layout(8, 1, 8, zero: 1, sp: true));
        Goodput lora = Goodput.Of(row, ctx.Model, ctx.Settings, ctx.Cluster, new Reliability());
        // Adapters the model does not size: checkpoints cost nothing, only the restarts are lost (e^(-R/M)).
        Assert.Equal(Math.Exp(-lora.RestartSeconds / lora.MeanSecondsBetweenFailures), lora.Fraction, 9);
        Assert.InRange(lora.Fraction, 0.99, 1);

        Goodput none = Goodput.Of(row, ctx.Model, ctx.Settings, ctx.Cluster, new Reliability { FailuresPerGpuHour = 0 });
        Assert.Equal(1, none.Fraction);
        Assert.Equal(0, none.Interruptions(1e9));
    }
}
