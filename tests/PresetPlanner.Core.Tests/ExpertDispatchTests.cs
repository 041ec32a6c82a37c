using CsCheck;

namespace PresetPlanner.Core.Tests;

/// <summary>
/// The MoE dispatch's volume by dispatcher (<see cref="ExpertDispatch"/>) and drop-and-pad routing
/// (<see cref="TrainingSettings.DropAndPad"/>).
/// </summary>
public class ExpertDispatchTests
{
    [Theory]
    [InlineData(128, 8, 16, 8)] // Qwen3-30B-A3B, EP 16 over two 8-GPU nodes
    [InlineData(256, 8, 32, 8)] // DeepSeek-V3, EP 32 over four nodes
    [InlineData(64, 6, 8, 4)]
    public void RanksAndNodesReached_MatchASimulatedRouter(int experts, int active, int ep, int perNode)
    {
        // Route tokens to `active` distinct experts drawn uniformly and count the other ranks and nodes each reaches.
        var random = new Random(12345);
        int perRank = experts / ep;
        const int tokens = 40_000;
        double ranks = 0, nodes = 0;
        int[] choice = [.. Enumerable.Range(0, experts)];
        for (int t = 0; t < tokens; t++)
        {
            random.Shuffle(choice);
            var hitRanks = new HashSet<int>();
            var hitNodes = new HashSet<int>();
            for (int i = 0; i < active; i++)
            {
                int rank = choice[i] / perRank;
                hitRanks.Add(rank);
                hitNodes.Add(rank / perNode);
            }

            // The sender is rank 0 on node 0.
            ranks += hitRanks.Count(r => r != 0);
            nodes += hitNodes.Count(n => n != 0);
        }

        double sent = ExpertDispatch.SentCopies(MoeDispatcher.HybridEp, experts, active, ep);
        double allToAllShare = (ep - perNode) / (double)(ep - 1);
        double share = ExpertDispatch.FusedScaleOutShare(experts, active, ep, perNode, sent, allToAllShare);
        Assert.Equal(ranks / tokens, sent, 0.03 * sent);
        Assert.Equal(nodes / tokens, sent * share, 0.03 * sent * share);
    }

    [Fact]
    public void FusedDispatch_NeverSendsMoreThanTheAllToAll_AndAsMuchWithOneExpertPerRank()
    {
        Gen.Select(Gen.Int[1, 7], Gen.Int[0, 4], Gen.Int[1, 16]).Sample((log2Ep, log2PerRank, active) =>
        {
            int ep = 1 << log2Ep;
            int experts = ep << log2PerRank;
            int r = Math.Min(active, experts);
            double allToAll = ExpertDispatch.SentCopies(MoeDispatcher.AllToAll, experts, r, ep);
            double fused = ExpertDispatch.SentCopies(MoeDispatcher.HybridEp, experts, r, ep);
            Assert.Equal(r * (ep - 1) / (double)ep, allToAll, 1e-12);
            Assert.InRange(fused, 0, allToAll + 1e-9);
            if (experts == ep)
            {
                Assert.Equal(allToAll, fused, 1e-9);
            }
        });
    }

    [Fact]
    public void FusedDispatchAcrossNodes_SendsEachTokenOncePerNode()
    {
        // Qwen3-30B-A3B EP 16 on two DGX H100 nodes (Megatron-Bridge 26.04's H100 recipe): NCCL's all-to-all sends about
        // 8 x 8/16 = 4 copies of a token to the other node, DeepEP and HybridEP one (the other node holds 64 of the 128
        // experts, so nearly every token has one there).
        ParallelLayout layout = Clusters.Layout(1, 1, 16, ep: 16);
        var settings = new TrainingSettings { SequenceLength = 4096, GlobalBatchSize = 1024, Precision = ComputePrecision.Fp8Current };
        StrategyResult Run(MoeDispatcher d) => PlanningContext.Create(Presets.Qwen3_30BA3B, Clusters.Of(Presets.H100, 16), settings with { Dispatcher = d }).Evaluate(layout);
        StrategyResult nccl = Run(MoeDispatcher.AllToAll);
        StrategyResult fused = Run(MoeDispatcher.HybridEp);

        double NetworkBytes(in StrategyResult r) => r.Communication.ExpertParallel * r.Communication.Links.ExpertParallel.ScaleOutShare;
        double perToken = 8 * 8 / 16.0;
        Assert.InRange(NetworkBytes(fused) / NetworkBytes(nccl), 0.99 / perToken, 1.0 / perToken);
        Assert.True(fused.Communication.ExpertParallel < nccl.Communication.ExpertParallel);
    }

    [Fact]
    public void DropAndPad_RemovesTheDroplessHostSynchronisation()
    {
        // Megatron-Bridge 25.09's token-drop Qwen3-30B-A3B rows on 8 B200 ran about twice as fast as the dropless ones.
        ParallelLayout layout = Clusters.Layout(1, 1, 8, ep: 8);
        var settings = new TrainingSettings { SequenceLength = 4096, GlobalBatchSize = 512, Precision = ComputePrecision.Mxfp8 };
        StrategyResult Run(in TrainingSettings s) => PlanningContext.Create(Presets.Qwen3_30BA3B, Clusters.Of(Presets.B200, 8), s).Evaluate(layout);
        StrategyResult dropless = Run(settings);
        StrategyResult padded = Run(settings with { DropAndPad = true });

        // Dropless: each of the 48 MoE layers leaves the GPU idle for MoeLayerHostSeconds per micro-batch (64 of them),
        // added to its GPU time; drop-and-pad at capacity factor 1 changes nothing else.
        double idle = 48 * EfficiencyModel.Default.MoeLayerHostSeconds * (settings.GlobalBatchSize / 8);
        Assert.True(idle > 0);
        Assert.Equal(idle, dropless.Time.ComputeSeconds - padded.Time.ComputeSeconds, idle * 1e-9);

        // With full-iteration graphs there is no host time to remove.
        var graphs = settings with { CudaGraphs = CudaGraphScope.Full };
        Assert.Equal(Run(graphs).Time.StepSeconds, Run(graphs with { DropAndPad = true }).Time.StepSeconds, 12);
    }

    [Fact]
    public void DispatchSeconds_PerByte_RiseAsTheCopiesNarrow_ByTheirFixedCostPerCopy()
    {
        // The fused kernels cost each token copy DispatchHalfWidth elements' worth of fixed work: Qwen3-30B-A3B's 2,048-wide
        // copies move at w / (w + h) of the large-copy rate, DeepSeek-V3's 7,168-wide ones nearer it; across nodes the
        // dispatch runs at ExpertScaleOut of the NIC whichever the dispatcher. NCCL's all-to-all moves contiguous blocks.
        var settings = new TrainingSettings { SequenceLength = 4096, GlobalBatchSize = 64, Dispatcher = MoeDispatcher.DeepEp };
        EfficiencyModel e = EfficiencyModel.Default;
        TimeConstants qwen = PlanningContext.Create(Presets.Qwen3_30BA3B, Clusters.Of(Presets.B200, 16), settings).Costing.Time;
        TimeConstants deepseek = PlanningContext.Create(Presets.DeepSeekV3, Clusters.Of(Presets.B200, 16), settings).Costing.Time;
        double Share(int width) => width / (width + e.DispatchHalfWidth);

        Assert.Equal(Share(7168) / Share(2048), qwen.SecondsPerExpertScaleUpByte / deepseek.SecondsPerExpertScaleUpByte, 9);
        Assert.Equal(1 / (Presets.B200.Spec.ScaleUpBytesPerSecond * e.FusedDispatch * Share(2048)), qwen.SecondsPerExpertScaleUpByte, 15);
        Assert.Equal(1 / (Presets.B200.Spec.ScaleOutBytesPerSecond * e.ExpertScaleOut * Share(7168)), deepseek.SecondsPerExpertScaleOutByte, 15);

        TimeConstants allToAll = PlanningContext.Create(Presets.DeepSeekV3, Clusters.Of(Presets.B200, 16), settings with { Dispatcher = MoeDispatcher.AllToAll }).Costing.Time;
        Assert.Equal(1 / (Presets.B200.Spec.ScaleOutBytesPerSecond * e.ExpertScaleOut), allToAll.SecondsPerExpertScaleOutByte, 15);
        Assert.Equal(1 / (Presets.B200.Spec.ScaleUpBytesPerSecond * e.AllToAll), allToAll.SecondsPerExpertScaleUpByte, 15);
    }
}
