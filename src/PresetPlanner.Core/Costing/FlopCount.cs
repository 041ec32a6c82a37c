using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// Floating-point work of the model, per token.
/// </summary>
/// <remarks>
/// A matmul of an n-parameter weight costs 2n FLOPs per token forward and 4n backward (Kaplan et al. 2020; Narayanan et
/// al. SC'21 Eq. 3). Attention scores add 2 s (d_qk + d_v) FLOPs per head per token forward, halved by causal masking
/// in the work FlashAttention actually does. Model FLOPs follow PaLM (Chowdhery et al. 2022, Appendix B): 6 Psi + 12
/// L a d_h s per token (s the keys a query may see: a local layer's window or chunk) with Psi the matmul parameters a token passes through (routed experts counted r times, the
/// input embedding lookup not at all, a tied output head once) and no causal halving, recomputation excluded; a hybrid
/// model adds its Mamba-2 scans (<see cref="Scan"/>) and counts attention scores on its attention layers only.
/// </remarks>
internal static class FlopCount
{
    /// <summary>Forward matmul FLOPs per token of one dense layer.</summary>
    public static double DenseLayerLinear(in ModelCosts c) => 2.0 * c.DenseLayerParameters;

    /// <summary>
    /// Forward matmul FLOPs per token of one MoE layer (r routed experts, shared experts, router); routed experts work
    /// <paramref name="capacityFactor"/> times a balanced load (padding or imbalance; 1 for model FLOPs).
    /// </summary>
    public static double MoeLayerLinear(in ModelCosts c, double capacityFactor = 1)
    {
        ModelSpec m = c.Model;
        double routedPerToken = m.Experts > 0 ? c.RoutedExpertParameters / (double)m.Experts * m.ActiveExperts : 0;
        return 2.0 * (c.MoeLayerParameters + (routedPerToken * capacityFactor));
    }

    /// <summary>Forward attention-score FLOPs per token of one layer whose queries attend to <paramref name="keys"/> keys each.</summary>
    public static double AttentionScores(in ModelSpec m, double keys) => 2.0 * m.Heads * keys * HeadWidth(m);

    /// <summary>
    /// Keys per query of one attention layer at sequence length <paramref name="s"/>, averaged over the model's attention
    /// layers: with <paramref name="causal"/> the keys a fused kernel computes
    /// (s / 2 for a global layer, <see cref="LocalKeys"/> for a local one), else the pattern's width as PaLM counts model
    /// FLOPs (s for a global layer, the window or chunk for a local one, no causal halving).
    /// </summary>
    public static double MeanKeys(in ModelSpec m, double s, bool causal)
    {
        double global = causal ? s / 2 : s;
        int attentionLayers = m.AttentionLayers;
        int local = m.LocalAttentionLayers;
        if (local <= 0 || attentionLayers <= 0)
        {
            return global;
        }

        return (((attentionLayers - local) * global) + (local * LocalKeys(m, s, causal))) / attentionLayers;
    }

    /// <summary>
    /// Keys per query of a local layer at sequence length <paramref name="s"/>. A sliding window of w keys: a query at
    /// position i attends to min(i, w) of them, w - w^2 / 2s on average once s exceeds w (s / 2 below it, as a global
    /// layer). Chunks of c: a query attends to the earlier tokens of its own chunk, (q c^2 + r^2) / 2s on average for
    /// s = q c + r. Without <paramref name="causal"/>, the pattern's width: min(w, s), or twice the chunk mean.
    /// </summary>
    public static double LocalKeys(in ModelSpec m, double s, bool causal)
    {
        double w = m.AttentionWindow;
        if (m.ChunkedAttention)
        {
            double whole = Math.Floor(s / w);
            double rest = s - (whole * w);
            double mean = ((whole * w * w) + (rest * rest)) / (2 * s);
            return causal ? mean : 2 * mean;
        }

        return !causal ? Math.Min(w, s) : s <= w ? s / 2 : w - (w * w / (2 * s));
    }

    /// <summary>d_qk + d_v of one head: 2 d_h, or MLA's query-key (no-position plus rotary) and value dimensions.</summary>
    public static double HeadWidth(in ModelSpec m) => m.Attention == AttentionKind.Mla
        ? m.HeadDim + m.QkRopeHeadDim + m.VHeadDim
        : 2.0 * m.HeadDim;

    /// <summary>
    /// Forward FLOPs per token of one Mamba-2 layer's selective scan: 7 d_inner N, Megatron-LM's estimate
    /// (<c>megatron/training/training.py</c>, <c>mamba_layer_flops</c>, "scan" term), with d_inner = heads x head dim
    /// rather than Megatron's 2h (they differ where a config's expansion is not 2, Nemotron 3 Nano). Its projections and
    /// convolution are matmul-like work counted with the mixer's parameters (2 FLOPs per weight per token).
    /// </summary>
    public static double Scan(in ModelSpec m) => m.Hybrid.Mamba == 0 ? 0 : 7.0 * m.Mamba.Inner * m.Mamba.StateSize;

    /// <summary>Forward FLOPs per token of the output layer (logits).</summary>
    public static double Logits(in ModelSpec m) => 2.0 * m.Vocab * m.Hidden;

    /// <summary>
    /// Forward FLOPs per token of one multi-token-prediction depth beyond its layer (which is costed as a layer of the
    /// last stage): the 2h x h projection of the concatenated embedding and hidden state, and the shared output head's
    /// logits (DeepSeek-V3 report section 2.2).
    /// </summary>
    public static double MtpExtra(in ModelSpec m) => (4.0 * m.Hidden * m.Hidden) + Logits(m);

    /// <summary>
    /// Model FLOPs per token of <paramref name="depths"/> multi-token-prediction depths: each a layer with attention
    /// (an MoE layer in an MoE model) plus <see cref="MtpExtra"/>, forward and backward, as Megatron-LM counts them.
    /// </summary>
    public static double Mtp(in ModelCosts c, double s, int depths)
    {
        if (depths == 0)
        {
            return 0;
        }

        ModelSpec m = c.Model;
        double attentionLinear = 2.0 * c.AttentionParameters * c.MtpExtraAttention;
        double layer = (m.IsMoe ? MoeLayerLinear(c) : DenseLayerLinear(c)) + attentionLinear;
        return 3 * depths * (layer + MtpExtra(m) + AttentionScores(m, s));
    }

    /// <summary>PaLM model FLOPs per token (forward and backward, no recomputation, no causal halving).</summary>
    public static double ModelPerToken(in ModelCosts c, double s)
    {
        ModelSpec m = c.Model;
        double linear = ((m.Layers - c.MoeLayers) * DenseLayerLinear(c)) + (c.MoeLayers * MoeLayerLinear(c)) + Logits(m);
        return (3 * linear) + (3 * c.AttentionLayers * AttentionScores(m, MeanKeys(m, s, causal: false))) + (3 * c.MambaLayers * Scan(m));
    }
}
