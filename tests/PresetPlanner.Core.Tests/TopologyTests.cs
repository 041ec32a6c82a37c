namespace PresetPlanner.Core.Tests;

/// <summary>Servers, NVLink domains and jobs: placement, and the link each parallel group gets from it.</summary>
public class TopologyTests
{
    [Theory]
    [InlineData(8, 72, 4, 8)]
    [InlineData(64, 72, 4, 64)]
    [InlineData(72, 72, 4, 72)]
    [InlineData(256, 72, 4, 64)]
    [InlineData(512, 72, 4, 64)]
    [InlineData(576, 72, 4, 72)]
    [InlineData(100, 72, 4, 4)]
    [InlineData(64, 8, 8, 8)]
    [InlineData(12, 8, 8, 4)]
    public void DomainShare_PlacesAsSchedulersDo(int gpus, int domain, int server, int expected) =>
        Assert.Equal(expected, Placement.DomainShare(gpus, domain, server, requested: 0));

    [Fact]
    public void Nvl72_64GpusInOneRack_EveryGroupOnNvlink()
    {
        var ctx = PlanningContext.Create(Presets.Qwen3_30BA3B, Presets.GB200Nvl72x64Gpus, new TrainingSettings());
        var layout = new ParallelLayout { Tp = 2, Pp = 2, Dp = 16, Ep = 8, SequenceParallel = true };
        GroupLinks links = ctx.Evaluate(layout).Communication.Links;

        Assert.Equal(64, ctx.DomainShare);
        Assert.All(new[] { links.TensorParallel, links.PipelineParallel, links.DataParallel, links.ExpertParallel, links.ExpertDataParallel }, l => Assert.Equal(LinkKind.ScaleUp, l.Kind));
        Assert.Equal(0, ctx.Evaluate(layout).Communication.OnScaleOut);
    }

    [Fact]
    public void Nvl72_256Gpus_TensorAndExpertGroupsInsideRacks_DataParallelHierarchical()
    {
        var ctx = PlanningContext.Create(Presets.DeepSeekV3, Presets.GB200Nvl72x256Gpus, new TrainingSettings { GlobalBatchSize = 4096 });
        var layout = new ParallelLayout { Tp = 4, Pp = 8, Dp = 8, Ep = 32, SequenceParallel = true };
        StrategyResult r = ctx.Evaluate(layout);
        GroupLinks links = r.Communication.Links;

        Assert.Equal(64, ctx.DomainShare);
        Assert.Equal(4, ctx.Cluster.Domains);
        Assert.Equal(LinkKind.ScaleUp, links.TensorParallel.Kind);
        Assert.Equal(LinkKind.ScaleUp, links.ExpertParallel.Kind);

        // DP x CP group: stride 4, 8 ranks, all in one rack of 64 here; PP (stride 32, 8 stages) spans the 4 racks.
        Assert.Equal(LinkKind.ScaleUp, links.DataParallel.Kind);
        Assert.Equal(LinkKind.ScaleOut, links.PipelineParallel.Kind);
        Assert.Contains("placed as 4 NVLink domains x 64 (of 72)", LayoutText.Describe(ctx), StringComparison.Ordinal);
    }

    [Fact]
    public void Nvl72_256GpusPureDataParallel_RingCollectiveSplitsItsBytesByTheHierarchy()
    {
        var ctx = PlanningContext.Create(Presets.Llama8B, Presets.GB200Nvl72x256Gpus, new TrainingSettings { GlobalBatchSize = 512 });
        StrategyResult r = ctx.Evaluate(new ParallelLayout { Dp = 256 });
        GroupLink dp = r.Communication.Links.DataParallel;

        // 256 ranks, 64 in each rack: (k-1)/k of a ring collective stays inside, (n-k)/(n k) of (n-1)/n crosses.
        Assert.Equal(LinkKind.Hierarchical, dp.Kind);
        Assert.Equal((256.0 - 64) / (64 * 255), dp.ScaleOutShare, 6);
        Assert.Equal(r.Communication.DataParallel * dp.ScaleOutShare, r.Communication.OnScaleOut, 1);
    }

    [Fact]
    public void GroupLink_AllToAllAcrossDomains_SendsTheOtherDomainsShare()
    {
        GroupLink a2a = GroupLink.Of(stride: 1, size: 128, perDomain: 64, gpus: 256, Collective.AllToAll);
        GroupLink p2p = GroupLink.Of(stride: 1, size: 128, perDomain: 64, gpus: 256, Collective.PointToPoint);
        GroupLink oneEach = GroupLink.Of(stride: 64, size: 4, perDomain: 64, gpus: 256, Collective.Ring);

        Assert.Equal(LinkKind.Hierarchical, a2a.Kind);
        Assert.Equal(64.0 / 127, a2a.ScaleOutShare, 6);
        Assert.Equal(new GroupLink(LinkKind.ScaleOut, 1), p2p);
        Assert.Equal(new GroupLink(LinkKind.ScaleOut, 1), oneEach);
    }

    [Fact]
    public void DgxH100_Tp8_DataParallelHasOneRankPerNode()
    {
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        GroupLinks links = ctx.Evaluate(new ParallelLayout { Tp = 8, Pp = 4, Dp = 2, SequenceParallel = true }).Communication.Links;

        Assert.Equal(LinkKind.ScaleUp, links.TensorParallel.Kind);
        Assert.Equal(new GroupLink(LinkKind.ScaleOut, 1), links.DataParallel);
    }

    [Fact]
    public void RankOrderWithPipelineInsideData_MovesPipelineNeighboursCloser()
    {
        var layout = new ParallelLayout { Tp = 2, Pp = 4, Dp = 8 };
        GroupLinks megatron = PlanningContext.Create(Presets.Llama8B, Presets.H100x64, new TrainingSettings()).Evaluate(layout).Communication.Links;
        GroupLinks pipelineFirst = PlanningContext.Create(Presets.Llama8B, Presets.H100x64, new TrainingSettings { RankOrder = RankOrder.TpCpPpDp }).Evaluate(layout).Communication.Links;

        Assert.Equal(LinkKind.ScaleOut, megatron.PipelineParallel.Kind);
        Assert.Equal(LinkKind.ScaleUp, pipelineFirst.PipelineParallel.Kind);
        Assert.Equal(LinkKind.ScaleOut, pipelineFirst.DataParallel.Kind);
    }

    [Fact]
    public void StatedShare_OverridesThePlacementRule()
    {
        ClusterSpec spec = Presets.GB200Nvl72x256Gpus.Spec with { GpusPerDomain = 32 };

        Assert.Equal(32, spec.GpusPerDomainUsed);
        Assert.Equal(8, spec.Domains);
        var e = Assert.Throws<PlanInputException>(() => PlanningContext.Create(Presets.Llama8B, spec with { GpusPerDomain = 96 }, new TrainingSettings()));
        Assert.Equal("Cluster.GpusPerDomain", e.Field);
    }

    [Fact]
    public void JobSmallerThanOneTray_IsAccepted()
    {
        var ctx = PlanningContext.Create(Presets.Llama8B, ClusterPreset.Of(Presets.GB200, 2), new TrainingSettings { GlobalBatchSize = 64 });

        Assert.True(ctx.TryFindBest(new SearchSpace(), out SearchResult best));
        Assert.Equal(2, best.Best.Layout.Gpus);
    }
}
