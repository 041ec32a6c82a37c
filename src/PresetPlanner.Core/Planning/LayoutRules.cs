namespace PresetPlanner;

/// <summary>
/// The validity rules of a layout (../shared/MODELING.md section 7; Megatron-Core's argument checks), in a fixed
/// order: the first rule that fails is the one reported, with the two numbers that show by how much. The rules on the
/// degrees and the micro-batch come first, those on ZeRO and sequence parallelism last, so that an evaluation cache can
/// check the first group once for all ZeRO, recomputation and SP variants of a layout.
/// </summary>
public static class LayoutRules
{
    /// <summary>Checks <paramref name="layout"/>; returns the failed constraint or <see cref="Constraint.None"/>.</summary>
    public static Constraint Check(in PlanningContext ctx, in ParallelLayout layout, out double value, out double limit)
    {
        Constraint rule = CheckDegrees(ctx, layout, out value, out limit);
        return rule != Constraint.None ? rule : CheckVariant(layout, out value, out limit);
    }

    /// <summary>The rules on the degrees and the micro-batch: everything but ZeRO and sequence parallelism.</summary>
    internal static Constraint CheckDegrees(in PlanningContext ctx, in ParallelLayout layout, out double value, out double limit)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        ref readonly ClusterSpec c = ref ctx.Cluster;
        int t = layout.Tp;
        int p = layout.Pp;
        int v = layout.Vp;
        value = 0;
        limit = 0;
        if (t < 1 || p < 1 || layout.Dp < 1 || layout.Cp < 1 || layout.Ep < 1 || v < 1 || layout.MicroBatch < 1)
        {
            return Fail(Constraint.OutOfRange, Math.Min(Math.Min(t, p), Math.Min(layout.Dp, layout.Cp)), 1, out value, out limit);
        }

        if (ctx.Settings.Precision == ComputePrecision.Fp8 && ctx.Gpu.PeakFp8FlopsPerSecond <= 0)
        {
            return Fail(Constraint.Fp8Unsupported, 8, 0, out value, out limit);
        }

        if (layout.Gpus != c.GpuCount)
        {
            return Fail(Constraint.GpuCount, layout.Gpus, c.GpuCount, out value, out limit);
        }

        if (t > c.GpusPerNode && !ctx.Settings.AllowCrossNodeTensorParallel)
        {
            return Fail(Constraint.TensorParallelSpansNodes, t, c.GpusPerNode, out value, out limit);
        }

        if (m.Heads % t != 0)
        {
            return Fail(Constraint.HeadsNotDivisible, m.Heads, t, out value, out limit);
        }

        if (m.KvHeads % t != 0 && t % m.KvHeads != 0)
        {
            return Fail(Constraint.KvHeadsNotDivisible, m.KvHeads, t, out value, out limit);
        }

        if (m.FfnHidden % t != 0)
        {
            return Fail(Constraint.FfnNotDivisible, m.FfnHidden, t, out value, out limit);
        }

        if (p > m.Layers)
        {
            return Fail(Constraint.PipelineExceedsLayers, p, m.Layers, out value, out limit);
        }

        if (v > 1 && p == 1)
        {
            return Fail(Constraint.InterleavingNeedsPipeline, v, p, out value, out limit);
        }

        if (v > 1 && m.Layers < p * v)
        {
            return Fail(Constraint.LayersNotDivisible, m.Layers, p * v, out value, out limit);
        }

        return CheckDataDimensions(ctx, layout, out value, out limit);
    }

    private static Constraint CheckDataDimensions(in PlanningContext ctx, in ParallelLayout layout, out double value, out double limit)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        int e = layout.Ep;
        value = 0;
        limit = 0;
        if (e > 1 && !m.IsMoe)
        {
            return Fail(Constraint.ExpertParallelOnDenseModel, e, 1, out value, out limit);
        }

        if (m.IsMoe && m.Experts % e != 0)
        {
            return Fail(Constraint.ExpertsNotDivisible, m.Experts, e, out value, out limit);
        }

        if ((layout.Dp * layout.Cp) % e != 0)
        {
            return Fail(Constraint.ExpertParallelNotDividingData, layout.Dp * layout.Cp, e, out value, out limit);
        }

        if (ctx.Settings.SequenceLength % (2 * layout.Cp) != 0 && layout.Cp > 1)
        {
            return Fail(Constraint.SequenceNotDivisible, ctx.Settings.SequenceLength, 2 * layout.Cp, out value, out limit);
        }

        int microBatches = layout.MicroBatches(ctx.Settings.GlobalBatchSize);
        if (microBatches == 0)
        {
            return Fail(Constraint.BatchNotDivisible, ctx.Settings.GlobalBatchSize, (double)layout.MicroBatch * layout.Dp, out value, out limit);
        }

        if (layout.Vp > 1 && microBatches % layout.Pp != 0)
        {
            return Fail(Constraint.MicroBatchesNotDivisible, microBatches, layout.Pp, out value, out limit);
        }

        return Constraint.None;
    }

    /// <summary>The rules on the ZeRO stage and sequence parallelism, given valid degrees.</summary>
    internal static Constraint CheckVariant(in ParallelLayout layout, out double value, out double limit)
    {
        value = 0;
        limit = 0;
        if (layout.Zero is < 0 or > 3)
        {
            return Fail(Constraint.OutOfRange, layout.Zero, 3, out value, out limit);
        }

        if ((uint)layout.Recompute > (uint)RecomputeMode.Full)
        {
            return Fail(Constraint.OutOfRange, (int)layout.Recompute, (int)RecomputeMode.Full, out value, out limit);
        }

        if (layout.SequenceParallel && layout.Tp == 1)
        {
            return Fail(Constraint.SequenceParallelWithoutTensorParallel, layout.Tp, 2, out value, out limit);
        }

        if (layout.Zero >= 2 && layout.Pp > 1)
        {
            return Fail(Constraint.ZeroWithPipeline, layout.Zero, layout.Pp, out value, out limit);
        }

        return Constraint.None;
    }

    private static Constraint Fail(Constraint constraint, double a, double b, out double value, out double limit)
    {
        value = a;
        limit = b;
        return constraint;
    }
}
