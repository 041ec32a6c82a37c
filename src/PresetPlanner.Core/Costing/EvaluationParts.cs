using PresetPlanner.Results;
using PresetPlanner.Settings;

namespace PresetPlanner.Costing;

/// <summary>
/// What a layout's activations cost, on both end stages: it depends on recomputation and sequence parallelism, not on
/// the ZeRO stage.
/// </summary>
/// <param name="FirstActivations">Activation bytes of one GPU of the first stage.</param>
/// <param name="LastActivations">Activation bytes of one GPU of the last stage.</param>
/// <param name="MiddleActivations">Activation bytes of one GPU of the middle stage (0 unless the frame has one).</param>
/// <param name="Traffic">TP, PP, CP and EP bytes of the last stage (the data-parallel volume left at 0).</param>
/// <param name="Compute">Compute seconds of one micro-batch on the slowest stage (the last, or a busier one).</param>
/// <param name="Exposed">Exposed TP, EP, PP and CP seconds of one micro-batch on that stage.</param>
/// <param name="WeightGradient">The weight-gradient GEMMs' seconds among its compute (the zero-bubble schedules' W).</param>
internal readonly record struct ActivationPart(double FirstActivations, double LastActivations, double MiddleActivations, CommunicationBreakdown Traffic, double Compute, double Exposed, double WeightGradient)
{
    /// <summary>The part of <paramref name="layout"/> in <paramref name="frame"/> with its per-layer activations.</summary>
    public static ActivationPart Of(CostContext ctx, in ParallelLayout layout, in LayoutFrame frame, in LayerActivations layers)
    {
        double last;
        double first;
        if (frame.SplitsEnds)
        {
            // DualPipe's (DualPipeV's) first GPU holds what 1F1B's first GPU holds of its stage (chunk) and what 1F1B's last
            // GPU holds of its own, 1F1B over the same stages (over the 2p chunks); ZB-V's first chunk min(2p - 1, m) of them.
            first = last = ActivationMemory.Ends(ctx, layout, frame.NearEnd, frame.FarEnd, layers, frame.Factors);
        }
        else
        {
            last = ActivationMemory.Stage(ctx, layout, frame.Last, layers, frame.Factors);
            first = layout.Pp > 1 ? ActivationMemory.Stage(ctx, layout, frame.First, layers, frame.Factors) : last;
        }

        double middle = frame.HasMiddle ? ActivationMemory.Stage(ctx, layout, frame.Middle, layers, frame.Factors) : 0;
        CommunicationBreakdown traffic = CommunicationVolume.WithoutDataParallel(ctx, layout, frame.Last, frame.MicroBatches, frame.Links, frame.Factors);
        StepTimeModel.PerMicroBatch(ctx, layout, frame.Last, traffic, layers, frame.Factors, out double compute, out double exposed, out double weightGradient);
        if (frame.HasBusier)
        {
            // The slowest stage sets the pipeline's pace: a stage with more layers than the last may outrun its logits.
            CommunicationBreakdown busy = CommunicationVolume.WithoutDataParallel(ctx, layout, frame.Busier, frame.MicroBatches, frame.Links, frame.Factors);
            StepTimeModel.PerMicroBatch(ctx, layout, frame.Busier, busy, layers, frame.Factors, out double c, out double e, out double w);
            if (c + e > compute + exposed)
            {
                (compute, exposed, weightGradient) = (c, e, w);
            }
        }

        if (layout.StagesPerGpu > 1)
        {
            // DualPipe: a GPU's shape holds its two stages, each micro-batch passes one (half of them each).
            double share = 1.0 / layout.StagesPerGpu;
            (compute, exposed, weightGradient) = (compute * share, exposed * share, weightGradient * share);
            traffic = traffic with
            {
                TensorParallel = traffic.TensorParallel * share,
                PipelineParallel = traffic.PipelineParallel * share,
                ContextParallel = traffic.ContextParallel * share,
                ExpertParallel = traffic.ExpertParallel * share,
            };
        }

        return new ActivationPart(first, last, middle, traffic, compute, exposed, weightGradient);
    }
}

/// <summary>The model states of one GPU of one pipeline stage, bytes.</summary>
/// <param name="Weights">Weight bytes.</param>
/// <param name="Gradients">Gradient bytes.</param>
/// <param name="Optimizer">Optimizer bytes.</param>
internal readonly record struct StageStates(double Weights, double Gradients, double Optimizer);

/// <summary>
/// What a layout's model states cost: it depends on the ZeRO stage, not on recomputation or sequence parallelism.
/// </summary>
internal readonly record struct StatePart
{
    /// <summary>One GPU of the first stage.</summary>
    public StageStates First { get; init; }

    /// <summary>One GPU of the last stage.</summary>
    public StageStates Last { get; init; }

    /// <summary>One GPU of the middle stage (zero unless the frame has one).</summary>
    public StageStates Middle { get; init; }

    /// <summary>Dense data-parallel bytes of one GPU of the last stage per step.</summary>
    public double DataParallelBytes { get; init; }

    /// <summary>Routed-expert data-parallel bytes of one GPU of the last stage per step.</summary>
    public double ExpertDataParallelBytes { get; init; }

    /// <summary>Their transfer time before any overlap.</summary>
    public double DataParallelSeconds { get; init; }

    /// <summary>The optimizer step.</summary>
    public double OptimizerSeconds { get; init; }

    /// <summary>The part of <paramref name="layout"/> in <paramref name="frame"/>.</summary>
    public static StatePart Of(CostContext ctx, in ParallelLayout layout, in LayoutFrame frame)
    {
        ref readonly LayoutFactors f = ref frame.Factors;
        ModelStateMemory.Compute(ctx, layout, frame.LastDense, frame.LastExperts, f, out double lw, out double lg, out double lo);
        double fw = lw, fg = lg, fo = lo;
        if (layout.Pp > 1)
        {
            ModelStateMemory.Compute(ctx, layout, frame.FirstDense, frame.FirstExperts, f, out fw, out fg, out fo);
        }

        double mw = 0, mg = 0, mo = 0;
        if (frame.HasMiddle)
        {
            ModelStateMemory.Compute(ctx, layout, frame.MiddleDense, frame.MiddleExperts, f, out mw, out mg, out mo);
        }

        double dense = CommunicationVolume.DataParallel(ctx, layout, frame.LastDense, frame.MicroBatches, f);
        double experts = CommunicationVolume.ExpertDataParallel(ctx, layout, frame.LastExperts, frame.MicroBatches, f);
        double seconds = StepTimeModel.DataParallelSeconds(ctx, layout, dense, frame.Links.DataParallel, frame.MicroBatches)
            + StepTimeModel.DataParallelSeconds(ctx, layout, experts, frame.Links.ExpertDataParallel, frame.MicroBatches);
        double optimizer = StepTimeModel.OptimizerSeconds(ctx, layout, frame.LastDense, frame.LastExperts, f);
        return new StatePart
        {
            First = new StageStates(fw, fg, fo),
            Last = new StageStates(lw, lg, lo),
            Middle = new StageStates(mw, mg, mo),
            DataParallelBytes = dense,
            ExpertDataParallelBytes = experts,
            DataParallelSeconds = seconds,
            OptimizerSeconds = optimizer,
        };
    }
}
