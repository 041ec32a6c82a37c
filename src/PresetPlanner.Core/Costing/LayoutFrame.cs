using PresetPlanner.Results;
using PresetPlanner.Rules;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// What an evaluation needs that depends only on a layout's degrees and micro-batch, not on its ZeRO stage,
/// recomputation or sequence parallelism: the rules on the degrees, the micro-batch count, both end stages with their
/// parameters (and a middle stage when an uneven split loads it more), the groups' links and the degrees' factors.
/// </summary>
internal readonly struct LayoutFrame
{
    // Fields, not properties: the evaluator passes Factors and Links on by reference, without copying.

    /// <summary>The first failed rule on the degrees and micro-batch, or <see cref="Constraint.None"/> (then nothing else is set).</summary>
    public readonly Constraint Rule;

    /// <summary>The failed rule's value.</summary>
    public readonly double RuleValue;

    /// <summary>The failed rule's limit.</summary>
    public readonly double RuleLimit;

    /// <summary>Micro-batches per step per pipeline.</summary>
    public readonly int MicroBatches;

    /// <summary>The first pipeline stage.</summary>
    public readonly StageShape First;

    /// <summary>The last pipeline stage (the first when p = 1).</summary>
    public readonly StageShape Last;

    /// <summary>
    /// Whether the first GPU's activations are counted over its two ends apart (<see cref="NearEnd"/> and
    /// <see cref="FarEnd"/>): under DualPipe, ZB-V and DualPipeV, whose first GPU holds the model's first and last stage or
    /// chunk.
    /// </summary>
    public readonly bool SplitsEnds;

    /// <summary>
    /// With <see cref="SplitsEnds"/>, where <see cref="First"/> and <see cref="Last"/> are the first GPU's whole share: its
    /// first stage (DualPipe) or chunk (ZB-V, DualPipeV) alone, embedding side, at the first figure of micro-batches in flight.
    /// </summary>
    public readonly StageShape NearEnd;

    /// <summary>With <see cref="SplitsEnds"/>: the first GPU's last stage or chunk alone (head side), at the last figure in flight.</summary>
    public readonly StageShape FarEnd;

    /// <summary>Whether a middle stage holds more layers than an end stage (an uneven split), so that it is evaluated too.</summary>
    public readonly bool HasMiddle;

    /// <summary>The second stage, standing for the middle ones (set when <see cref="HasMiddle"/>).</summary>
    public readonly StageShape Middle;

    /// <summary>The stage other than the last with the most layers, when it has more than the last (its time may set the pace).</summary>
    public readonly bool HasBusier;

    /// <summary>That stage (set when <see cref="HasBusier"/>).</summary>
    public readonly StageShape Busier;

    /// <summary>Dense parameters of one GPU of the middle stage.</summary>
    public readonly double MiddleDense;

    /// <summary>Routed-expert parameters of one GPU of the middle stage.</summary>
    public readonly double MiddleExperts;

    /// <summary>Dense parameters of one GPU of the first stage.</summary>
    public readonly double FirstDense;

    /// <summary>Routed-expert parameters of one GPU of the first stage.</summary>
    public readonly double FirstExperts;

    /// <summary>Dense parameters of one GPU of the last stage.</summary>
    public readonly double LastDense;

    /// <summary>Routed-expert parameters of one GPU of the last stage.</summary>
    public readonly double LastExperts;

    /// <summary>The layout's NCCL communicator and pipeline buffers, bytes (<see cref="ReservedMemory.OfLayout"/>).</summary>
    public readonly double Reserved;

    /// <summary>The link of each parallel group.</summary>
    public readonly GroupLinks Links;

    /// <summary>The ratios of the degrees the formulas divide by.</summary>
    public readonly LayoutFactors Factors;

    /// <summary>The frame of <paramref name="layout"/>'s degrees and micro-batch.</summary>
    public LayoutFrame(CostContext ctx, in ParallelLayout layout)
    {
        MicroBatches = layout.MicroBatches(ctx.Settings.GlobalBatchSize);
        Rule = LayoutRules.Degrees(ctx, layout, out RuleValue, out RuleLimit);
        if (Rule != Constraint.None)
        {
            return;
        }

        int p = layout.Pp;
        PipelineSplit.TryOf(ctx.Model.Layers, ctx.Settings, p, layout.Vp, out PipelineSplit split);
        First = StageShape.FirstOf(ctx.Model, split, p, layout.Vp);
        Last = p > 1 ? StageShape.LastOf(ctx.Model, split, p, layout.Vp) : First;
        int mtp = ctx.Settings.MtpLayers;
        if (mtp > 0)
        {
            // Megatron-Core builds the MTP depths after the decoder's last layer, on the last stage: each is one more
            // layer there (an MoE layer in an MoE model), with its weights, activations and traffic.
            Last = Last with { Layers = Last.Layers + mtp, MoeLayers = Last.MoeLayers + (ctx.Model.IsMoe ? mtp : 0) };
            First = p > 1 ? First : Last;
        }
        PipelineSchedule schedule = layout.EffectiveSchedule;
        PlaceEnds(ctx, schedule, p, mtp, ref First, ref Last, out NearEnd, out FarEnd, out SplitsEnds);

        // Under a V every GPU but the first holds middle chunks, the last GPU too (its share is the split's last).
        bool vShape = LayoutRules.ChunksPerStage(schedule) == 2;
        if (p > 2 || (vShape && p == 2))
        {
            // The second stage stands for the middle ones; it is evaluated when it holds more layers, or more MoE layers
            // (DeepSeek-V3's dense first layers), than an end stage.
            StageShape middle = StageShape.MiddleOf(ctx.Model, vShape ? split with { Middle = Math.Max(split.Middle, split.Last) } : split, layout.Vp);
            // DualPipe's GPU holds two stages (ParallelLayout.StagesPerGpu): its shapes hold both, a micro-batch passes one.
            middle = middle with { Layers = middle.Layers * layout.StagesPerGpu, MoeLayers = middle.MoeLayers * layout.StagesPerGpu };
            // Where the first GPU's ends are counted apart (DualPipe, the V schedules) its layers do not rank it against a middle
            // GPU (its first stage counts p times, its last once): the middle one is always evaluated.
            HasMiddle = SplitsEnds || middle.Layers > First.Layers || middle.MoeLayers > First.MoeLayers || middle.Layers > Last.Layers;
            if (HasMiddle)
            {
                Middle = middle;
                ModelStateMemory.StageParameters(ctx, layout, Middle, out MiddleDense, out MiddleExperts);
            }
        }

        Busier = HasMiddle && (Middle.Layers > First.Layers || (Middle.Layers == First.Layers && Middle.MoeLayers >= First.MoeLayers)) ? Middle : First;
        HasBusier = p > 1 && (Busier.Layers > Last.Layers || Busier.MoeLayers > Last.MoeLayers);
        ModelStateMemory.StageParameters(ctx, layout, Last, out LastDense, out LastExperts);
        (FirstDense, FirstExperts) = (LastDense, LastExperts);
        if (layout.Pp > 1)
        {
            ModelStateMemory.StageParameters(ctx, layout, First, out FirstDense, out FirstExperts);
        }

        Factors = LayoutFactors.Of(ctx, layout, MicroBatches);
        Links = GroupLinks.Of(ctx.Cluster, layout, ctx.Settings.RankOrder);
        if (!ctx.Model.IsMoe)
        {
            // A dense model has no expert groups.
            Links = Links with { ExpertParallel = default, ExpertDataParallel = default };
        }
        else if (ctx.Settings.Dispatcher != MoeDispatcher.AllToAll && Links.ExpertParallel.Kind == LinkKind.Hierarchical)
        {
            // The fused dispatchers send a token over the network once per node that holds its experts (ExpertDispatch).
            long perDomain = GroupLink.MembersPerDomain(layout.Etp, layout.Ep, ctx.Cluster.GpusPerDomainUsed);
            double share = ExpertDispatch.FusedScaleOutShare(ctx.Model.Experts, ctx.Model.ActiveExperts, layout.Ep, perDomain, Factors.EpSentCopies, Links.ExpertParallel.ScaleOutShare);
            Links = Links with { ExpertParallel = Links.ExpertParallel with { ScaleOutShare = (float)share } };
        }

        Reserved = ReservedMemory.OfLayout(ctx, layout);
    }

    // The V schedules place chunk 0 and chunk 2p - 1 on the first GPU, DualPipe stage 0 and stage p - 1: the first GPU's
    // shape holds both ends, whose activations are counted apart.
    private static void PlaceEnds(CostContext ctx, PipelineSchedule schedule, int p, int mtp, ref StageShape first, ref StageShape last, out StageShape nearEnd, out StageShape farEnd, out bool splitsEnds)
    {
        (nearEnd, farEnd, splitsEnds) = (default, default, false);
        if (LayoutRules.ChunksPerStage(schedule) == 2)
        {
            // A V places chunk 0 and chunk 2p - 1 on the first GPU (torchtitan's "v" stage placement: rank r holds stages r
            // and 2p - 1 - r): it holds the embedding and the head; the last GPU holds two middle chunks.
            first = first with { Last = true, Layers = first.Layers + mtp, MoeLayers = first.MoeLayers + (ctx.Model.IsMoe ? mtp : 0) };
            last = first;
            if (p > 1)
            {
                // The V's first GPU holds chunk 0 (the model's first layers, the odd one of an odd share) and chunk 2p - 1
                // (its last, the MTP depths and the head); they are counted apart (LayoutFactors.ScheduledInFlight), and
                // their MoE layers are the model's own there rather than the interleaved average.
                ref readonly ModelSpec model = ref ctx.Model;
                int share = first.Layers - mtp;
                int near = (share + 1) / 2;
                int far = share - near;
                int farMoe = model.MoeLayers - model.MoeLayersBefore(Math.Max(model.Layers - far, 0));
                nearEnd = new StageShape(near, model.MoeLayersBefore(near), First: true, Last: false, Position: 0);
                farEnd = new StageShape(far + mtp, farMoe + (model.IsMoe ? mtp : 0), First: false, Last: true, Position: p - 1);
                first = first with { MoeLayers = nearEnd.MoeLayers + farEnd.MoeLayers };
                last = first;
                splitsEnds = true;
            }
        }
        else if (schedule == PipelineSchedule.DualPipe)
        {
            // DualPipe's GPU i holds stage i and stage p - 1 - i (DeepSeek-V3 report section 3.2.3: the shallowest and the
            // deepest layers on the same PP rank): the first GPU both ends, every other GPU two middle stages.
            (nearEnd, farEnd, splitsEnds) = (first, last, true);
            first = new StageShape(first.Layers + last.Layers, first.MoeLayers + last.MoeLayers, First: true, Last: true, Position: 0);
            last = first;
        }
    }
}
