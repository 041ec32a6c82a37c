using PresetPlanner.Vocabulary;

namespace PresetPlanner.Specs;

/// <summary>
/// The shape of a decoder-only transformer, as far as the cost model needs it. A small readonly value type:
/// presets are compiled into instances of it (see <c>Presets.Models</c>) and the planning core reads it by <c>in</c>.
/// </summary>
/// <remarks>
/// Names and sources travel beside it (<see cref="ModelPreset"/>), not in it, so that the hot path handles no
/// references. Notation follows docs/model.md: L layers, h hidden, a heads, k KV heads, d_h head dim,
/// f FFN size, V vocabulary, E experts, r active experts.
/// </remarks>
public readonly record struct ModelSpec
{
    /// <summary>Transformer layers (L).</summary>
    public int Layers { get; init; }

    /// <summary>Hidden size (h).</summary>
    public int Hidden { get; init; }

    /// <summary>Query heads (a).</summary>
    public int Heads { get; init; }

    /// <summary>Key/value heads (k); equal to <see cref="Heads"/> for MHA, 1 for MQA.</summary>
    public int KvHeads { get; init; }

    /// <summary>Head dimension (d_h); for MLA, the non-rotary query/key head dimension.</summary>
    public int HeadDim { get; init; }

    /// <summary>Intermediate size of a dense MLP (f).</summary>
    public int FfnHidden { get; init; }

    /// <summary>Vocabulary size (V), padded as trained.</summary>
    public int Vocab { get; init; }

    /// <summary>Longest context the model was trained or extended to.</summary>
    public int MaxSequence { get; init; }

    /// <summary>MLP activation: gated (3 matrices) or not (2).</summary>
    public MlpActivation Activation { get; init; }

    /// <summary>Attention kind (MHA, GQA, MQA, MLA).</summary>
    public AttentionKind Attention { get; init; }

    /// <summary>Normalisation layer kind.</summary>
    public NormKind Norm { get; init; }

    /// <summary>Position encoding; learned positions add parameters.</summary>
    public PositionEmbedding Positions { get; init; }

    /// <summary>Whether the output head shares the input embedding matrix.</summary>
    public bool TiedEmbeddings { get; init; }

    /// <summary>Whether every linear layer has a bias (GPT-3, BLOOM).</summary>
    public bool LinearBias { get; init; }

    /// <summary>Whether only the Q, K and V projections have biases (Qwen2).</summary>
    public bool QkvBias { get; init; }

    /// <summary>Dropout probability used in training (0 for modern LLM pre-training).</summary>
    public double Dropout { get; init; }

    /// <summary>Parameter count stated by the model's publisher.</summary>
    public long StatedParameters { get; init; }

    /// <summary>Routed experts per MoE layer (E); 0 for a dense model.</summary>
    public int Experts { get; init; }

    /// <summary>Routed experts active per token (router top-k, r).</summary>
    public int ActiveExperts { get; init; }

    /// <summary>Intermediate size of one routed expert.</summary>
    public int MoeFfnHidden { get; init; }

    /// <summary>Shared (always active) experts per MoE layer.</summary>
    public int SharedExperts { get; init; }

    /// <summary>Intermediate size of one shared expert.</summary>
    public int SharedExpertFfnHidden { get; init; }

    /// <summary>
    /// LatentMoE (Nemotron 3 Super and Ultra): the width the routed experts work in, reached by a down projection before
    /// dispatch and left by an up projection after the combine (Megatron-Core <c>--moe-latent-size</c>); 0 = the hidden
    /// size, as in every other MoE.
    /// </summary>
    public int MoeLatentSize { get; init; }

    /// <summary>The width of a routed expert's input and output, and of a dispatched token: the latent size or h.</summary>
    public int ExpertWidth => MoeLatentSize > 0 ? MoeLatentSize : Hidden;

    /// <summary>Leading layers that stay dense in an MoE model (DeepSeek-V3: 3).</summary>
    public int FirstDenseLayers { get; init; }

    /// <summary>After the first dense layers, every n-th layer is MoE (1 = all; Llama 4 Maverick: 2).</summary>
    public int MoeLayerInterval { get; init; }

    /// <summary>MLA: rank of the query down-projection (0 = queries are not compressed).</summary>
    public int QLoraRank { get; init; }

    /// <summary>MLA: rank of the joint key/value down-projection.</summary>
    public int KvLoraRank { get; init; }

    /// <summary>MLA: per-head dimension of the decoupled rotary query/key part.</summary>
    public int QkRopeHeadDim { get; init; }

    /// <summary>MLA: per-head value dimension.</summary>
    public int VHeadDim { get; init; }

    /// <summary>
    /// Local attention, in tokens: the sliding window (Mistral 7B v0.1, Gemma 2 and 3, gpt-oss: transformers'
    /// <c>sliding_window</c>) or the chunk (Llama 4: <c>attention_chunk_size</c>) a local layer's queries attend within;
    /// 0 = every layer attends to the whole causal prefix.
    /// </summary>
    public int AttentionWindow { get; init; }

    /// <summary>Whether local layers attend within fixed chunks of <see cref="AttentionWindow"/> tokens (Llama 4) rather than a sliding window.</summary>
    public bool ChunkedAttention { get; init; }

    /// <summary>
    /// With a window, every n-th attention layer (the n-th, 2n-th, ...) attends globally and the others locally (Gemma 3:
    /// 6, Gemma 2 and gpt-oss: 2, Llama 4: 4); 0 = every attention layer is local.
    /// </summary>
    public int GlobalAttentionInterval { get; init; }

    /// <summary>Layers with attention: every layer of a transformer, a hybrid's attention (*) layers.</summary>
    public int AttentionLayers => IsHybrid ? Hybrid.Attention : Layers;

    /// <summary>How many of the <see cref="AttentionLayers"/> attend locally (<see cref="AttentionWindow"/>).</summary>
    public int LocalAttentionLayers =>
        AttentionWindow <= 0 ? 0 : GlobalAttentionInterval <= 0 ? AttentionLayers : AttentionLayers - (AttentionLayers / GlobalAttentionInterval);

    /// <summary>
    /// A hybrid Mamba-Transformer model's layers by kind (Nemotron-H, Nemotron 3); all zero for a transformer, where
    /// every layer holds attention and an MLP. When set, its total is <see cref="Layers"/>, and <see cref="FfnHidden"/>
    /// is the width of its MLP layers.
    /// </summary>
    public HybridLayers Hybrid { get; init; }

    /// <summary>The Mamba-2 mixer of a hybrid model's M layers; unset without them.</summary>
    public MambaShape Mamba { get; init; }

    /// <summary>Whether the model is a hybrid of single-block layers (<see cref="Hybrid"/>).</summary>
    public bool IsHybrid => Hybrid.IsHybrid;

    /// <summary>Total parameters (Psi) computed from the shape, every expert counted (docs/model.md, "Parameters").</summary>
    public long TotalParameters => ParameterCount.Total(this);

    /// <summary>Parameters a token passes through (Psi_a): routed experts counted r of E times.</summary>
    public long ActiveParameters => ParameterCount.Active(this);

    /// <summary>Whether the model has routed experts.</summary>
    public bool IsMoe => Experts > 0;

    /// <summary>Whether the MLP is gated (SwiGLU, GeGLU: 3 matrices) rather than plain (2 matrices).</summary>
    public bool GatedMlp => Activation is MlpActivation.SwiGlu or MlpActivation.GeGlu;

    /// <summary>Whether layer <paramref name="layer"/> (0-based) is an MoE layer.</summary>
    public bool IsMoeLayer(int layer)
    {
        if (IsHybrid)
        {
            return MoeLayersBefore(layer + 1) > MoeLayersBefore(layer);
        }

        if (Experts <= 0 || layer < FirstDenseLayers)
        {
            return false;
        }

        int interval = MoeLayerInterval <= 1 ? 1 : MoeLayerInterval;
        return (layer - FirstDenseLayers) % interval == interval - 1;
    }

    /// <summary>
    /// Number of MoE layers among the first <paramref name="layerCount"/> layers. A hybrid's pattern is taken as evenly
    /// mixed (Nemotron 3 patterns alternate M and E): its share of MoE layers, rounded down.
    /// </summary>
    public int MoeLayersBefore(int layerCount)
    {
        if (IsHybrid)
        {
            int n = layerCount < 0 ? 0 : layerCount > Layers ? Layers : layerCount;
            return Layers <= 0 ? 0 : (int)((long)n * Hybrid.Moe / Layers);
        }

        if (Experts <= 0 || layerCount <= FirstDenseLayers)
        {
            return 0;
        }

        int interval = MoeLayerInterval <= 1 ? 1 : MoeLayerInterval;
        return (layerCount - FirstDenseLayers) / interval;
    }

    /// <summary>Number of MoE layers in the model.</summary>
    public int MoeLayers => MoeLayersBefore(Layers);
}
