using System.Collections.Generic;
using System.Globalization;
using System;
using PresetPlanner.Generator.Diagnostics;
using PresetPlanner.Generator.Specs;
using PresetPlanner.Specs;
using PresetPlanner.Validation;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Generator.Parsing;

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
        CommonFields? common = CommonFields.Read(r);
        double? stated = r.Number("statedParameters", true, "\"statedParameters\": 70.6e9");
        int? layers = r.Integer("layers", true, "\"layers\": 80");
        int? hidden = r.Integer("hidden", true, "\"hidden\": 8192");
        int? heads = r.Integer("heads", true, "\"heads\": 64");
        int? kvHeads = r.Integer("kvHeads", true, "\"kvHeads\": 8");
        int? headDim = r.Integer("headDim", false, "\"headDim\": 128");
        int? ffn = r.Integer("ffnHidden", true, "\"ffnHidden\": 28672");
        int? vocab = r.Integer("vocab", true, "\"vocab\": 128256");
        int? maxSequence = r.Integer("maxSequence", true, "\"maxSequence\": 131072");
        MlpActivation? activation = r.Enum<MlpActivation>("activation", true, "\"activation\": \"swiglu\"", Spelling.TryParse, Spelling.SpecNames(typeof(MlpActivation))!);
        AttentionKind? attention = r.Enum<AttentionKind>("attention", false, "\"attention\": \"gqa\"", Spelling.TryParse, Spelling.SpecNames(typeof(AttentionKind))!);
        NormKind? norm = r.Enum<NormKind>("norm", true, "\"norm\": \"rmsnorm\"", Spelling.TryParse, Spelling.SpecNames(typeof(NormKind))!);
        PositionEmbedding? positions = r.Enum<PositionEmbedding>("positionEmbedding", false, "\"positionEmbedding\": \"rope\"", Spelling.TryParse, Spelling.SpecNames(typeof(PositionEmbedding))!);
        bool? tied = r.Bool("tiedEmbeddings", true, "\"tiedEmbeddings\": false");
        bool linearBias = r.Bool("linearBias", false, "\"linearBias\": false") ?? false;
        bool qkvBias = r.Bool("qkvBias", false, "\"qkvBias\": false") ?? false;
        double dropout = r.Number("dropout", false, "\"dropout\": 0.0") ?? 0;
        MoeFields moe = MoeFields.Read(r);
        MlaFields mla = MlaFields.Read(r);
        HybridFields hybrid = HybridFields.Read(r);

        if (common is null || layers is null || hidden is null || heads is null || kvHeads is null || ffn is null
            || vocab is null || maxSequence is null || activation is null || norm is null || tied is null || stated is null || r.HasErrors)
        {
            return null;
        }

        AttentionKind kind = attention ?? (mla.Present ? AttentionKind.Mla : kvHeads == heads ? AttentionKind.Mha : kvHeads == 1 ? AttentionKind.Mqa : AttentionKind.Gqa);
        int dh = headDim ?? (heads.Value > 0 && hidden.Value % heads.Value == 0 ? hidden.Value / heads.Value : 0);
        if (headDim is null && dh == 0 && heads > 0)
        {
            r.Report(DiagnosticDescriptors.InconsistentShape, "heads", $"heads ({heads}) do not divide hidden ({hidden})", "correct heads or hidden, or state \"headDim\" when heads x headDim differs from hidden");
            return null;
        }

        if (kind == AttentionKind.Mla && !mla.Present)
        {
            r.Report(DiagnosticDescriptors.InconsistentShape, "attention", "attention 'mla' needs an \"mla\" object with its low-rank dimensions", "make attention, kvHeads and mla agree");
            return null;
        }

        var shape = new ModelSpec
        {
            Layers = layers.Value,
            Hidden = hidden.Value,
            Heads = heads.Value,
            KvHeads = kvHeads.Value,
            HeadDim = dh,
            FfnHidden = ffn.Value,
            Vocab = vocab.Value,
            MaxSequence = maxSequence.Value,
            Activation = activation.Value,
            Attention = kind,
            Norm = norm.Value,
            Positions = positions ?? PositionEmbedding.Rope,
            TiedEmbeddings = tied.Value,
            LinearBias = linearBias,
            QkvBias = qkvBias,
            Dropout = dropout,
            StatedParameters = Math.Abs(stated.Value) < 9e18 ? (long)Math.Round(stated.Value) : long.MaxValue,
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

        var problems = new List<SpecProblem>();
        if (hybrid.Present && !shape.IsHybrid)
        {
            // The pattern was missing or malformed, which is already reported at hybrid.pattern.
            return null;
        }

        if (moe.Present && shape.Experts < 1)
        {
            problems.Add(new SpecProblem(SpecField.Experts, ProblemKind.OutOfRange, "0", "a positive integer (drop the \"moe\" object for a dense model)"));
        }
        else
        {
            SpecValidator.Check(shape, problems);
        }

        r.Report(problems, PathOf);
        if (r.HasErrors)
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
        _ => "mla.vHeadDim",
    };

    private static void CheckStatedCount(PresetReader r, long stated, long computed)
    {
        double difference = (stated - computed) / (double)computed;
        if (Math.Abs(difference) > ParameterTolerance)
        {
            r.Report(
                DiagnosticDescriptors.ParameterCountMismatch,
                "statedParameters",
                Billions(stated),
                difference.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture),
                Billions(computed));
        }
    }

    private static string Billions(long count) => (count / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + "e9";
}
