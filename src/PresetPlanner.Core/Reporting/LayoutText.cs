using System.Globalization;
using System.Text;

namespace PresetPlanner;

/// <summary>Names and sentences for layouts and their results, shared by the library's tables and the CLI.</summary>
public static class LayoutText
{
    /// <summary>Short name of a layout in the seed's style: "TP=8, PP=4, DP=2" (dimensions of degree 1 omitted, "Pure DP" when all are).</summary>
    public static string Strategy(in ParallelLayout l)
    {
        var sb = new StringBuilder();
        Append(sb, "TP", l.Tp);
        Append(sb, "PP", l.Pp);
        Append(sb, "VP", l.Vp);
        Append(sb, "CP", l.Cp);
        Append(sb, "EP", l.Ep);
        if (sb.Length == 0)
        {
            return l.Dp > 1 ? "Pure DP" : "Single GPU";
        }

        Append(sb, "DP", l.Dp);
        return sb.ToString();
    }

    /// <summary>"ZeRO-1", or "dist-opt" style names are avoided: the stage number is the contract.</summary>
    public static string Zero(int stage) => "ZeRO-" + stage.ToString(CultureInfo.InvariantCulture);

    /// <summary>Lower-case name of a recomputation mode: none, selective, full.</summary>
    public static string Recompute(RecomputeMode mode) => mode switch
    {
        RecomputeMode.Selective => "selective",
        RecomputeMode.Full => "full",
        _ => "none",
    };

    /// <summary>"no recomputation", "selective recomputation", "full recomputation".</summary>
    public static string RecomputePhrase(RecomputeMode mode) => (mode == RecomputeMode.None ? "no" : Recompute(mode)) + " recomputation";

    /// <summary>The one sentence that says why a layout is not usable: which constraint failed and by how much.</summary>
    public static string Reason(in StrategyResult r)
    {
        string a = Int(r.FailedValue);
        string b = Int(r.FailedLimit);
        ParallelLayout l = r.Layout;
        return r.Failed switch
        {
            Constraint.None => "fits",
            Constraint.OutOfMemory =>
                $"activations {Units.Gigabytes(r.Memory.Activations)} + states {Units.Gigabytes(r.Memory.ModelStates)} + other {Units.Gigabytes(r.Memory.Other)} = {Units.Gigabytes(r.Memory.Total)} > {Units.Gigabytes(r.CapacityBytes)} per GPU",
            Constraint.OutOfRange => "every degree and the micro-batch must be at least 1 and the ZeRO stage 0-3",
            Constraint.Fp8Unsupported => "the GPU has no FP8 tensor cores (its preset states no fp8Tflops); train in BF16",
            Constraint.GpuCount => $"TP x PP x DP x CP = {a} differs from the {b} GPUs of the cluster",
            Constraint.TensorParallelSpansNodes => $"TP {a} spans nodes of {b} GPUs (TP stays inside NVLink unless cross-node TP is allowed)",
            Constraint.HeadsNotDivisible => $"heads {a} not divisible by TP {b}",
            Constraint.KvHeadsNotDivisible => $"KV heads {a} neither divisible by TP {b} nor dividing it",
            Constraint.FfnNotDivisible => $"FFN size {a} not divisible by TP {b}",
            Constraint.PipelineExceedsLayers => $"PP {a} exceeds the {b} layers",
            Constraint.LayersNotDivisible => $"{a} layers are fewer than PP x VP = {b} pipeline chunks",
            Constraint.InterleavingNeedsPipeline => $"VP {a} needs PP > 1",
            Constraint.MicroBatchesNotDivisible => $"{a} micro-batches not divisible by PP {b} (interleaved 1F1B)",
            Constraint.ExpertsNotDivisible => $"experts {a} not divisible by EP {b}",
            Constraint.ExpertParallelOnDenseModel => $"EP {a} on a dense model",
            Constraint.ExpertParallelNotDividingData => $"EP {b} does not divide DP x CP = {a}",
            Constraint.SequenceNotDivisible => $"sequence {a} not divisible by 2 x CP = {b}",
            Constraint.BatchNotDivisible => $"global batch {a} not divisible by micro-batch x DP = {b}",
            Constraint.ZeroWithPipeline => $"ZeRO-{a} partitions gradients every micro-batch and does not combine with PP {b}",
            Constraint.SequenceParallelWithoutTensorParallel => "sequence parallelism needs TP > 1",
            _ => l.ToString(),
        };
    }

    private static void Append(StringBuilder sb, string name, int degree)
    {
        if (degree > 1)
        {
            sb.Append(sb.Length == 0 ? string.Empty : ", ").Append(name).Append('=').Append(degree.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string Int(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}
