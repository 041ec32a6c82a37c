using PresetPlanner.Vocabulary;

namespace PresetPlanner.Generator.Reading;

/// <summary>
/// The top-level figures of a model preset (presets/schema/model.schema.json) as written, before the attention kind
/// and head dimension are decided. Ranges are the validator's.
/// </summary>
internal sealed record ModelFields(
    double Stated,
    int Layers,
    int Hidden,
    int Heads,
    int KvHeads,
    int? HeadDim,
    int Ffn,
    int Vocab,
    int MaxSequence,
    MlpActivation Activation,
    AttentionKind? Attention,
    NormKind Norm,
    PositionEmbedding? Positions,
    bool Tied,
    bool LinearBias,
    bool QkvBias,
    double Dropout)
{
    /// <summary>Reads every figure, reporting each problem; null when a required one is missing or unreadable.</summary>
    public static ModelFields? Read(PresetReader r)
    {
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
        if (layers is null || hidden is null || heads is null || kvHeads is null || ffn is null || vocab is null
            || maxSequence is null || activation is null || norm is null || tied is null || stated is null)
        {
            return null;
        }

        return new ModelFields(
            stated.Value, layers.Value, hidden.Value, heads.Value, kvHeads.Value, headDim, ffn.Value, vocab.Value, maxSequence.Value,
            activation.Value, attention, norm.Value, positions, tied.Value, linearBias, qkvBias, dropout);
    }
}
