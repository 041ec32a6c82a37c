using System;
using System.Globalization;
using PresetPlanner.Generator.Diagnostics;
using PresetPlanner.Generator.Specs;

namespace PresetPlanner.Generator.Parsing;

/// <summary>Reads and checks a model preset (presets/schema/model.schema.json).</summary>
internal static class ModelPresetParser
{
    /// <summary>Stated and computed parameter counts may differ by this fraction before PP0008 (catches typos in PRs).</summary>
    public const double ParameterTolerance = 0.02;

    private static readonly (string, MlpActivation)[] s_activations =
    [
        ("swiglu", MlpActivation.SwiGlu), ("geglu", MlpActivation.GeGlu), ("gelu", MlpActivation.Gelu),
        ("relu", MlpActivation.Relu), ("squared-relu", MlpActivation.SquaredRelu),
    ];

    private static readonly (string, AttentionKind)[] s_attention =
    [
        ("mha", AttentionKind.Mha), ("gqa", AttentionKind.Gqa), ("mqa", AttentionKind.Mqa), ("mla", AttentionKind.Mla),
    ];

    private static readonly (string, NormKind)[] s_norms = [("rmsnorm", NormKind.RmsNorm), ("layernorm", NormKind.LayerNorm)];

    private static readonly (string, PositionEmbedding)[] s_positions =
    [
        ("rope", PositionEmbedding.Rope), ("learned", PositionEmbedding.Learned), ("alibi", PositionEmbedding.Alibi),
    ];

    public static ModelPresetSpec? Parse(PresetReader r, string path)
    {
        CommonFields? common = CommonFields.Read(r);
        double? stated = r.Number("statedParameters", true, "\"statedParameters\": 70.6e9", 1e6, minExclusive: false);
        int? layers = r.Integer("layers", true, "\"layers\": 80", 1);
        int? hidden = r.Integer("hidden", true, "\"hidden\": 8192", 1);
        int? heads = r.Integer("heads", true, "\"heads\": 64", 1);
        int? kvHeads = r.Integer("kvHeads", true, "\"kvHeads\": 8", 1);
        int? headDim = r.Integer("headDim", false, "\"headDim\": 128", 1);
        int? ffn = r.Integer("ffnHidden", true, "\"ffnHidden\": 28672", 1);
        int? vocab = r.Integer("vocab", true, "\"vocab\": 128256", 1);
        int? maxSequence = r.Integer("maxSequence", true, "\"maxSequence\": 131072", 1);
        MlpActivation? activation = r.Enum("activation", true, "\"activation\": \"swiglu\"", s_activations);
        AttentionKind? attention = r.Enum("attention", false, "\"attention\": \"gqa\"", s_attention);
        NormKind? norm = r.Enum("norm", true, "\"norm\": \"rmsnorm\"", s_norms);
        PositionEmbedding? positions = r.Enum("positionEmbedding", false, "\"positionEmbedding\": \"rope\"", s_positions);
        bool? tied = r.Bool("tiedEmbeddings", true, "\"tiedEmbeddings\": false");
        bool linearBias = r.Bool("linearBias", false, "\"linearBias\": false") ?? false;
        bool qkvBias = r.Bool("qkvBias", false, "\"qkvBias\": false") ?? false;
        double dropout = r.Number("dropout", false, "\"dropout\": 0.0", 0, minExclusive: false, max: 0.99) ?? 0;
        MoeFields moe = MoeFields.Read(r, layers);
        MlaFields mla = MlaFields.Read(r);

        r.Plausible("layers", layers, 1000, "no published model has more than a few hundred layers");
        r.Plausible("hidden", hidden, 262144, "hidden sizes stay below 64K in published models");
        r.Plausible("heads", heads, 2048, "more query heads than any published model");
        r.Plausible("vocab", vocab, 4_000_000, "vocabularies stay below 1M tokens in published models");
        r.Plausible("maxSequence", maxSequence, 100_000_000, "longer than any published context");
        r.Plausible("dropout", dropout, 0.5, "dropout above 0.5 would not train");

        if (common is null || layers is null || hidden is null || heads is null || kvHeads is null || ffn is null
            || vocab is null || maxSequence is null || activation is null || norm is null || tied is null || stated is null)
        {
            return null;
        }

        AttentionKind kind = attention ?? (mla.Present ? AttentionKind.Mla : kvHeads == heads ? AttentionKind.Mha : kvHeads == 1 ? AttentionKind.Mqa : AttentionKind.Gqa);
        int dh = headDim ?? (hidden.Value % heads.Value == 0 ? hidden.Value / heads.Value : 0);
        CheckShape(r, hidden.Value, heads.Value, kvHeads.Value, headDim, kind, mla.Present);
        if (r.HasErrors)
        {
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
            StatedParameters = (long)Math.Round(stated.Value),
            Experts = moe.Experts,
            ActiveExperts = moe.Active,
            MoeFfnHidden = moe.Ffn,
            SharedExperts = moe.Shared,
            SharedExpertFfnHidden = moe.SharedFfn,
            FirstDenseLayers = moe.FirstDense,
            MoeLayerInterval = moe.Interval,
            QLoraRank = mla.QLoraRank,
            KvLoraRank = mla.KvLoraRank,
            QkRopeHeadDim = mla.QkRopeHeadDim,
            VHeadDim = mla.VHeadDim,
        };

        long computed = ParameterCount.Total(shape);
        CheckStatedCount(r, shape.StatedParameters, computed);
        return new ModelPresetSpec(common.Id, common.Identifier, common.Name, common.Source, path, shape, computed, ParameterCount.Active(shape));
    }

    private static void CheckShape(PresetReader r, int hidden, int heads, int kvHeads, int? headDim, AttentionKind kind, bool mlaPresent)
    {
        if (headDim is null && hidden % heads != 0)
        {
            r.Report(DiagnosticDescriptors.InconsistentShape, "heads", $"heads ({heads}) do not divide hidden ({hidden})", "correct heads or hidden, or state \"headDim\" when heads x headDim differs from hidden");
        }

        if (kvHeads > heads || heads % kvHeads != 0)
        {
            r.Report(DiagnosticDescriptors.InconsistentShape, "kvHeads", $"kvHeads ({kvHeads}) do not divide heads ({heads})", "each KV head must serve the same number of query heads");
        }

        string? conflict = kind switch
        {
            AttentionKind.Mha when kvHeads != heads => $"attention 'mha' needs kvHeads = heads ({heads}), not {kvHeads}",
            AttentionKind.Mqa when kvHeads != 1 => $"attention 'mqa' needs kvHeads = 1, not {kvHeads}",
            AttentionKind.Mla when !mlaPresent => "attention 'mla' needs an \"mla\" object with its low-rank dimensions",
            not AttentionKind.Mla when mlaPresent => $"an \"mla\" object is given but attention is '{kind.ToString().ToLowerInvariant()}'",
            _ => null,
        };
        if (conflict is not null)
        {
            r.Report(DiagnosticDescriptors.InconsistentShape, "attention", conflict, "make attention, kvHeads and mla agree");
        }
    }

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
