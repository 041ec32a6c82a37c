using System.Globalization;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Validation;

/// <summary>
/// Checks everything a plan is set up from, once, and throws <see cref="PlanInputException"/> on the first problem:
/// the model, GPU and cluster (<see cref="SpecValidator"/>), the settings, the efficiencies, the settings against the
/// GPU, and a search space. What passes keeps every figure of the hot path finite and non-negative.
/// </summary>
internal static class InputValidator
{
    /// <summary>Longest sequence accepted, tokens.</summary>
    public const int MaxSequence = 1 << 26;

    /// <summary>Largest global batch accepted, sequences.</summary>
    public const int MaxGlobalBatch = 1 << 24;

    public static void Check(in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings, in EfficiencyModel efficiency)
    {
        var problems = new List<SpecProblem>();
        SpecValidator.Check(model, problems);
        ThrowFirst(problems, InputField.Model);
        SpecValidator.Check(cluster, problems);
        ThrowFirst(problems, InputField.Cluster);
        Check(settings);
        Check(efficiency);
        CheckAgainst(model, cluster.Gpu, settings);
    }

    // The settings against the GPU (its tensor cores) and the model (its layers).
    private static void CheckAgainst(in ModelSpec model, in GpuSpec gpu, in TrainingSettings s)
    {
        ComputePrecision precision = s.Precision;
        if (precision != ComputePrecision.Bf16 && gpu.PeakFp8FlopsPerSecond <= 0)
        {
            throw new PlanInputException(InputField.Precision, $"is {Spelling.Of(precision)} but the GPU has no FP8 tensor cores (its peak FP8 rate is 0); train in bf16");
        }

        if (precision is ComputePrecision.Mxfp8 or ComputePrecision.Nvfp4 && gpu.PeakFp4FlopsPerSecond <= 0)
        {
            throw new PlanInputException(InputField.Precision, $"is {Spelling.Of(precision)}, which needs Blackwell's block-scaled tensor cores, but the GPU has none (its peak FP4 rate is 0); use fp8-current or fp8-blockwise");
        }

        if (s.ActivationFuncFp8InputStore && model.Activation != MlpActivation.SwiGlu)
        {
            // Megatron-Core TransformerConfig.__post_init__: "Storing activation input in FP8 is supported only for SwiGLU."
            throw new PlanInputException(InputField.ActivationFuncFp8InputStore, $"is on but the model's activation is {Spelling.Of(model.Activation)}; Megatron-Core stores only a SwiGLU's input in FP8");
        }

        int layers = model.Layers;
        Int(InputField.FullRecomputeLayers, s.FullRecomputeLayers, 0, layers);
        Int(InputField.ActivationOffloadLayers, s.ActivationOffloadLayers, 0, layers);
        Int(InputField.MtpLayers, s.MtpLayers, 0, 16);
        Int(InputField.Bf16FirstLayers, s.Bf16FirstLayers, 0, layers);
        Int(InputField.Bf16LastLayers, s.Bf16LastLayers, 0, layers);
        if (precision == ComputePrecision.Bf16 && s.KeepsBf16EndLayers)
        {
            // Megatron-Core reads the counts only under an FP8 or FP4 recipe (TransformerConfig.__post_init__, "if self.fp8").
            throw new PlanInputException(s.Bf16LastLayers > 0 ? InputField.Bf16LastLayers : InputField.Bf16FirstLayers, $"is {I(Math.Max(s.Bf16FirstLayers, s.Bf16LastLayers))} but the precision is bf16, where every layer already is; set an 8- or 4-bit --precision or drop it");
        }

        if ((long)s.Bf16FirstLayers + s.Bf16LastLayers > layers)
        {
            throw new PlanInputException(InputField.Bf16LastLayers, $"is {I(s.Bf16LastLayers)} but with {I(s.Bf16FirstLayers)} first layers in BF16 that is more than the model's {I(layers)} layers");
        }
        Int(InputField.FirstStageLayers, s.FirstStageLayers, 0, layers);
        Int(InputField.LastStageLayers, s.LastStageLayers, 0, layers);
        if ((long)s.FirstStageLayers + s.LastStageLayers > layers)
        {
            throw new PlanInputException(InputField.LastStageLayers, $"is {I(s.LastStageLayers)} but with {I(s.FirstStageLayers)} on the first stage the two end stages would hold more than the model's {I(layers)} layers");
        }
    }

    public static void Check(in TrainingSettings s)
    {
        Int(InputField.SequenceLength, s.SequenceLength, 1, MaxSequence);
        Int(InputField.GlobalBatchSize, s.GlobalBatchSize, 1, MaxGlobalBatch);
        Defined(InputField.Precision, Spelling.IsDefined(s.Precision), (int)s.Precision, Spelling.All<ComputePrecision>());
        Defined(InputField.Gradients, Spelling.IsDefined(s.Gradients), (int)s.Gradients, Spelling.All<GradientPrecision>());
        Defined(InputField.Optimizer, Spelling.IsDefined(s.Optimizer), (int)s.Optimizer, Spelling.All<OptimizerKind>());
        if (s.ReserveBytes < 0 || s.ReserveBytes > 1L << 50)
        {
            throw new PlanInputException(InputField.ReserveBytes, $"is {I(s.ReserveBytes)} but must be from 0 to 2^50 bytes");
        }

        Real(InputField.Fragmentation, s.Fragmentation, 0, 1, "a fraction from 0 to below 1", upperOpen: true);
        Real(InputField.ExpertCapacityFactor, s.ExpertCapacityFactor, 1, 64, "a number from 1 to 64", upperOpen: false);
        Real(InputField.OptimizerOffloadFraction, s.OptimizerOffloadFraction, 0, 1, "a fraction from 0 to 1", upperOpen: false);
        Defined(InputField.Reshard, Spelling.IsDefined(s.Reshard), (int)s.Reshard, Spelling.All<ReshardPolicy>());
        Defined(InputField.CudaGraphs, Spelling.IsDefined(s.CudaGraphs), (int)s.CudaGraphs, Spelling.All<CudaGraphScope>());
        Defined(InputField.Dispatcher, Spelling.IsDefined(s.Dispatcher), (int)s.Dispatcher, Spelling.All<MoeDispatcher>());
        if (s.Framework is ExportFramework framework)
        {
            Defined(InputField.Framework, Spelling.IsDefined(framework), (int)framework, Spelling.All<ExportFramework>());
        }

        if ((s.SelectiveModules & ~RecomputeModules.All) != 0)
        {
            throw new PlanInputException(InputField.SelectiveModules, $"is {I((int)s.SelectiveModules)}, which holds undefined modules");
        }

        Int(InputField.ShardGroupSize, s.ShardGroupSize, 0, SpecValidator.MaxGpus);
        if (s.Fp8ParamGather && s.Precision == ComputePrecision.Bf16)
        {
            throw new PlanInputException(InputField.Fp8ParamGather, "is on but the precision is bf16; low-precision weights need a low-precision recipe (fp8, fp8-current, fp8-blockwise, mxfp8 or nvfp4)");
        }
    }

    public static void Check(in EfficiencyModel e)
    {
        Fraction(InputField.Efficiency, "Matmul", e.Matmul);
        Fraction(InputField.Efficiency, "Fp8Matmul", e.Fp8Matmul);
        Fraction(InputField.Efficiency, "Attention", e.Attention);
        Fraction(InputField.Efficiency, "GroupedGemm", e.GroupedGemm);
        Fraction(InputField.Efficiency, "Scan", e.Scan);
        Fraction(InputField.Efficiency, "ScaleUp", e.ScaleUp);
        Fraction(InputField.Efficiency, "ScaleOut", e.ScaleOut);
        Real(InputField.Efficiency, "DataParallelOverlap", e.DataParallelOverlap, 0, 1, "a fraction from 0 to 1", upperOpen: false);
        Real(InputField.Efficiency, "CommunicationOverlap", e.CommunicationOverlap, 0, 1, "a fraction from 0 to 1", upperOpen: false);
        Real(InputField.Efficiency, "ScaleUpLatency", e.ScaleUpLatency, 0, 1, "seconds from 0 to 1", upperOpen: false);
        Real(InputField.Efficiency, "ScaleOutLatency", e.ScaleOutLatency, 0, 1, "seconds from 0 to 1", upperOpen: false);
        Real(InputField.Efficiency, "GemmHalfDimension", e.GemmHalfDimension, 0, 100000, "elements from 0 to 100000", upperOpen: false);
        Real(InputField.Efficiency, "AttentionHalfSequence", e.AttentionHalfSequence, 0, 1 << 26, "tokens from 0 to 2^26", upperOpen: false);
        Real(InputField.Efficiency, "LayerHostSeconds", e.LayerHostSeconds, 0, 1, "seconds from 0 to 1", upperOpen: false);
        Real(InputField.Efficiency, "MoeLayerHostSeconds", e.MoeLayerHostSeconds, 0, 1, "seconds from 0 to 1", upperOpen: false);
        Real(InputField.Efficiency, "ElementwisePasses", e.ElementwisePasses, 0, 64, "a number from 0 to 64", upperOpen: false);
        Real(InputField.Efficiency, "PartialGraphHostShare", e.PartialGraphHostShare, 0, 1, "a fraction from 0 to 1", upperOpen: false);
        Fraction(InputField.Efficiency, "AllToAll", e.AllToAll);
        Fraction(InputField.Efficiency, "FusedDispatch", e.FusedDispatch);
        Fraction(InputField.Efficiency, "ExpertScaleOut", e.ExpertScaleOut);
        Real(InputField.Efficiency, "DispatchHalfWidth", e.DispatchHalfWidth, 0, 1 << 20, "elements from 0 to 2^20", upperOpen: false);
        Fraction(InputField.Efficiency, "Fp4Matmul", e.Fp4Matmul);
    }

    public static void Check(in SearchSpace space)
    {
        Set("ZeroStages", (int)space.ZeroStages, (int)ZeroStages.All);
        Set("RecomputeModes", (int)space.RecomputeModes, (int)RecomputeModes.All);
        Set("SequenceParallel", (int)space.SequenceParallel, (int)SequenceParallelModes.Both);
    }

    private static void ThrowFirst(List<SpecProblem> problems, InputField input)
    {
        foreach (SpecProblem p in problems)
        {
            if (p.IsError)
            {
                throw new PlanInputException(input, p.Field, p.Kind == ProblemKind.OutOfRange ? $"is {p.Value} but must be {p.Detail}" : $"is inconsistent: {p.Value}; {p.Detail}");
            }
        }

        problems.Clear();
    }

    private static void Int(InputField field, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            throw new PlanInputException(field, $"is {I(value)} but must be an integer from {I(min)} to {I(max)}");
        }
    }

    private static void Real(InputField field, double value, double min, double max, string requirement, bool upperOpen) =>
        Real(field, null, value, min, max, requirement, upperOpen);

    private static void Real(InputField field, string? key, double value, double min, double max, string requirement, bool upperOpen)
    {
        if (!(value >= min && (upperOpen ? value < max : value <= max)))
        {
            string rule = $"is {value.ToString("R", CultureInfo.InvariantCulture)} but must be {requirement}";
            throw key is null ? new PlanInputException(field, rule) : new PlanInputException(field, key, rule);
        }
    }

    private static void Fraction(InputField field, string key, double value) => Real(field, key, value, SpecValidator.MinEfficiency, 1, "a fraction from 0.01 to 1", upperOpen: false);

    private static void Defined(InputField field, bool defined, int value, IReadOnlyList<string> names)
    {
        if (!defined)
        {
            throw new PlanInputException(field, $"is {I(value)}, which is not one of: {string.Join(", ", names)}");
        }
    }

    private static void Set(string set, int value, int all)
    {
        if (value == 0 || (value & ~all) != 0)
        {
            throw new PlanInputException(InputField.SearchSpace, set, value == 0 ? "is empty, so no layout can be enumerated; allow at least one value" : $"is {I(value)}, which holds undefined values");
        }
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
