using System.Collections.Generic;
using System.Globalization;
using System;
using PresetPlanner.Specs;
using PresetPlanner.Validation;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Generator.Reading;

/// <summary>
/// Reads a model preset (presets/schema/model.schema.json) into a <see cref="ModelSpec"/> and holds it to the core's
/// <see cref="SpecValidator"/>, reporting each problem at its property.
/// </summary>
internal static class ModelPresetParser
{
    /// <summary>Stated and computed parameter counts may differ by this fraction before PP0008 (catches typos in PRs).</summary>
    public const double ParameterTolerance = 0.02;

    public static ModelPresetSpec? Parse(PresetReader r, string path)
    {
        CommonFields? common = CommonFields.Read(r, PresetKind.Model);
        ModelFields? fields = ModelFields.Read(r);
        MoeFields moe = MoeFields.Read(r);
        MlaFields mla = MlaFields.Read(r);
        HybridFields hybrid = HybridFields.Read(r);
        WindowFields window = WindowFields.Read(r);
        if (common is null || fields is null || r.HasErrors || Shape(r, fields, moe, mla, hybrid) is not ModelSpec unwindowed)
        {
            return null;
        }

        ModelSpec shape = unwindowed with { AttentionWindow = window.Size, ChunkedAttention = window.Chunked, GlobalAttentionInterval = window.GlobalEvery };

        // The pattern was missing or malformed, which is already reported at hybrid.pattern.
        if ((hybrid.Present && !shape.IsHybrid) || !Validate(r, shape, moe))
        {
            return null;
        }

        long computed = shape.TotalParameters;
        CheckStatedCount(r, shape.StatedParameters, computed);
        return new ModelPresetSpec(common.Id, common.Identifier, common.Name, common.Source, path, shape, computed, shape.ActiveParameters);
    }

    /// <summary>The JSON property of each model field (presets/schema/model.schema.json).</summary>
    public static string PathOf(SpecField field) => field switch
    {
        SpecField.Layers => "layers",
        SpecField.Hidden => "hidden",
        SpecField.Heads => "heads",
        SpecField.KvHeads => "kvHeads",
        SpecField.HeadDim => "headDim",
        SpecField.FfnHidden => "ffnHidden",
        SpecField.Vocab => "vocab",
        SpecField.MaxSequence => "maxSequence",
        SpecField.Activation => "activation",
        SpecField.Attention => "attention",
        SpecField.Norm => "norm",
        SpecField.Positions => "positionEmbedding",
        SpecField.Dropout => "dropout",
        SpecField.StatedParameters => "statedParameters",
        SpecField.Experts => "moe.experts",
        SpecField.ActiveExperts => "moe.activeExperts",
        SpecField.MoeFfnHidden => "moe.ffnHidden",
        SpecField.SharedExperts => "moe.sharedExperts",
        SpecField.SharedExpertFfnHidden => "moe.sharedFfnHidden",
        SpecField.FirstDenseLayers => "moe.firstDenseLayers",
        SpecField.MoeLayerInterval => "moe.layerInterval",
        SpecField.QLoraRank => "mla.qLoraRank",
        SpecField.KvLoraRank => "mla.kvLoraRank",
        SpecField.QkRopeHeadDim => "mla.qkRopeHeadDim",
        SpecField.MoeLatentSize => "moe.latentSize",
        SpecField.HybridPattern => "hybrid.pattern",
        SpecField.MambaHeads => "mamba.heads",
        SpecField.MambaHeadDim => "mamba.headDim",
        SpecField.MambaStateSize => "mamba.stateSize",
        SpecField.MambaGroups => "mamba.groups",
        SpecField.MambaConvKernel => "mamba.convKernel",
        SpecField.MambaChunkSize => "mamba.chunkSize",
        SpecField.AttentionWindow => "window.size",
        SpecField.GlobalAttentionInterval => "window.globalEvery",
        _ => "mla.vHeadDim",
    };

    // The attention kind and head dimension a preset leaves out are decided here; null when they cannot be.
    private static ModelSpec? Shape(PresetReader r, ModelFields f, MoeFields moe, MlaFields mla, HybridFields hybrid)
    {
        AttentionKind kind = f.Attention ?? (mla.Present ? AttentionKind.Mla : f.KvHeads == f.Heads ? AttentionKind.Mha : f.KvHeads == 1 ? AttentionKind.Mqa : AttentionKind.Gqa);
        int dh = f.HeadDim ?? (f.Heads > 0 && f.Hidden % f.Heads == 0 ? f.Hidden / f.Heads : 0);
        if (f.HeadDim is null && dh == 0 && f.Heads > 0)
        {
            r.Report(PresetRules.InconsistentShape, "heads", $"heads ({f.Heads}) do not divide hidden ({f.Hidden})", "correct heads or hidden, or state \"headDim\" when heads x headDim differs from hidden");
            return null;
        }

        if (kind == AttentionKind.Mla && !mla.Present)
        {
            r.Report(PresetRules.InconsistentShape, "attention", "attention 'mla' needs an \"mla\" object with its low-rank dimensions", "make attention, kvHeads and mla agree");
            return null;
        }

        return new ModelSpec
        {
            Layers = f.Layers,
            Hidden = f.Hidden,
            Heads = f.Heads,
            KvHeads = f.KvHeads,
            HeadDim = dh,
            FfnHidden = f.Ffn,
            Vocab = f.Vocab,
            MaxSequence = f.MaxSequence,
            Activation = f.Activation,
            Attention = kind,
            Norm = f.Norm,
            Positions = f.Positions ?? PositionEmbedding.Rope,
            TiedEmbeddings = f.Tied,
            LinearBias = f.LinearBias,
            QkvBias = f.QkvBias,
            Dropout = f.Dropout,
            StatedParameters = Math.Abs(f.Stated) < 9e18 ? (long)Math.Round(f.Stated) : long.MaxValue,
            Experts = moe.Experts,
            ActiveExperts = moe.Active,
            MoeFfnHidden = moe.Ffn,
            SharedExperts = moe.Shared,
            SharedExpertFfnHidden = moe.SharedFfn,
            FirstDenseLayers = moe.FirstDense,
            MoeLayerInterval = moe.Present ? moe.Interval : 1,
            MoeLatentSize = moe.Latent,
            QLoraRank = mla.QLoraRank,
            KvLoraRank = mla.KvLoraRank,
            QkRopeHeadDim = mla.QkRopeHeadDim,
            VHeadDim = mla.VHeadDim,
            Hybrid = hybrid.Layers,
            Mamba = hybrid.Mamba,
        };
    }

    // Holds the shape to the core's validator, each problem at its property; false when one is an error.
    private static bool Validate(PresetReader r, in ModelSpec shape, MoeFields moe)
    {
        var problems = new List<SpecProblem>();
        if (moe.Present && shape.Experts < 1)
        {
            problems.Add(new SpecProblem(SpecField.Experts, ProblemKind.OutOfRange, "0", "a positive integer (drop the \"moe\" object for a dense model)"));
        }
        else
        {
            SpecValidator.Check(shape, problems);
        }

        r.Report(problems, PathOf);
        return !r.HasErrors;
    }

    private static void CheckStatedCount(PresetReader r, long stated, long computed)
    {
        double difference = (stated - computed) / (double)computed;
        if (Math.Abs(difference) > ParameterTolerance)
        {
            r.Report(
                PresetRules.ParameterCountMismatch,
                "statedParameters",
                Billions(stated),
                difference.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture),
                Billions(computed));
        }
    }

    private static string Billions(long count) => (count / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + "e9";
}
