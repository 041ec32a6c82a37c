using PresetPlanner.Vocabulary;

namespace PresetPlanner.Specs;

/// <summary>
/// Parameter counts of a decoder-only transformer, computed from its shape.
/// </summary>
/// <remarks>
/// Source: the per-layer accounting of ../shared/MODELING.md section 1 (Narayanan et al. SC'21 section 3.2 for the
/// 12h^2 GPT layer; Llama Team 2024 and DeepSeek-V3 report section 2.1 for GQA, SwiGLU and MLA). Attention =
/// h*a*d_h (Q) + 2*h*k*d_h (K, V) + a*d_h*h (O); MLP = 3*h*f gated or 2*h*f plain; MoE MLP = E experts + shared
/// experts + an h*E router; norms h (RMSNorm) or 2h (LayerNorm) each. A hybrid Mamba-Transformer layer holds one
/// block (Mamba-2, attention, MLP or MoE) behind one norm; the Mamba-2 mixer is counted as Megatron-Core's
/// <c>MambaMixer</c> builds it (<see cref="Mamba"/>). This file is compiled into both the
/// generator (to check a preset's stated count) and the core, so there is one implementation.
/// </remarks>
internal static class ParameterCount
{
    /// <summary>Attention parameters of one layer (projections and their biases).</summary>
    public static long Attention(in ModelSpec m)
    {
        long h = m.Hidden;
        long a = m.Heads;
        if (m.Attention == AttentionKind.Mla)
        {
            // DeepSeek-V3 report section 2.1.1: W_DQ, W_UQ (and W_QR), W_DKV + W_KR, W_UK + W_UV, W_O.
            long qkHead = (long)m.HeadDim + m.QkRopeHeadDim;
            long q = m.QLoraRank > 0 ? (h * m.QLoraRank) + ((long)m.QLoraRank * a * qkHead) : h * a * qkHead;
            long kvDown = h * ((long)m.KvLoraRank + m.QkRopeHeadDim);
            long kvUp = (long)m.KvLoraRank * a * ((long)m.HeadDim + m.VHeadDim);
            long o = a * m.VHeadDim * h;
            return q + kvDown + kvUp + o;
        }

        long dh = m.HeadDim;
        long k = m.KvHeads;
        long weights = (h * a * dh) + (2 * h * k * dh) + (a * dh * h);
        long qkvBias = (a * dh) + (2 * k * dh);
        long bias = m.LinearBias ? qkvBias + h : m.QkvBias ? qkvBias : 0;
        return weights + bias;
    }

    /// <summary>Weight matrices in one MLP: 3 when gated (SwiGLU, GeGLU), else 2.</summary>
    public static int MlpMatrices(in ModelSpec m) => m.GatedMlp ? 3 : 2;

    /// <summary>Parameters of one dense MLP with intermediate size <paramref name="ffn"/>.</summary>
    public static long Mlp(in ModelSpec m, int ffn)
    {
        long weights = (long)MlpMatrices(m) * m.Hidden * ffn;
        long bias = m.LinearBias ? ((long)(MlpMatrices(m) - 1) * ffn) + m.Hidden : 0;
        return weights + bias;
    }

    /// <summary>Parameters of one routed expert: its MLP between the expert width (h, or LatentMoE's latent size) and its FFN.</summary>
    public static long Expert(in ModelSpec m)
    {
        long width = m.ExpertWidth;
        long weights = (long)MlpMatrices(m) * width * m.MoeFfnHidden;
        long bias = m.LinearBias ? ((long)(MlpMatrices(m) - 1) * m.MoeFfnHidden) + width : 0;
        return weights + bias;
    }

    /// <summary>Routed-expert parameters of one MoE layer (all E experts; sharded by EP).</summary>
    public static long RoutedExperts(in ModelSpec m) => m.Experts * Expert(m);

    /// <summary>
    /// Parameters of one MoE layer outside the routed experts: shared experts, the router, and LatentMoE's down and up
    /// projections (h x latent each; Megatron-Core <c>fc1_latent_proj</c>, <c>fc2_latent_proj</c>).
    /// </summary>
    public static long MoeDensePart(in ModelSpec m)
    {
        int sharedFfn = m.SharedExpertFfnHidden > 0 ? m.SharedExpertFfnHidden : m.MoeFfnHidden;
        return (m.SharedExperts * Mlp(m, sharedFfn)) + ((long)m.Hidden * m.Experts) + (2L * m.Hidden * m.MoeLatentSize);
    }

    /// <summary>
    /// Parameters of one Mamba-2 mixer (Megatron-Core <c>megatron/core/ssm/mamba_mixer.py</c>; Dao and Gu 2024, section
    /// 7): the input projection h x (2 d_inner + 2 G N + n_h), the depthwise convolution over x, B and C with its bias
    /// ((d_inner + 2 G N)(kernel + 1)), dt_bias, A_log and D (n_h each), the gated RMSNorm (d_inner) and the output
    /// projection d_inner x h. All of it is split by TP (by heads). 0 without Mamba layers.
    /// </summary>
    public static long Mamba(in ModelSpec m)
    {
        MambaShape s = m.Mamba;
        if (m.Hybrid.Mamba == 0)
        {
            return 0;
        }

        return (m.Hidden * s.InProjection) + (s.ConvChannels * (s.ConvKernel + 1L)) + (3L * s.Heads) + s.Inner + (s.Inner * m.Hidden);
    }

    /// <summary>Norm parameters of one layer: two norms (one in a hybrid's single-block layer), plus MLA's two latent norms.</summary>
    public static long LayerNorms(in ModelSpec m)
    {
        long perVector = m.Norm == NormKind.LayerNorm ? 2 : 1;
        long norms = (m.IsHybrid ? 1 : 2) * perVector * m.Hidden;
        if (m.Attention == AttentionKind.Mla)
        {
            norms += perVector * ((long)m.QLoraRank + m.KvLoraRank);
        }

        return norms;
    }

    /// <summary>Parameters of layer <paramref name="layer"/> (0-based), all experts counted.</summary>
    /// <remarks>A hybrid's layers are counted by kind, not position: this is the mean of its non-MoE layers or an MoE layer.</remarks>
    public static long Layer(in ModelSpec m, int layer)
    {
        if (m.IsHybrid)
        {
            HybridLayers k = m.Hybrid;
            int dense = k.Mamba + k.Attention + k.Mlp;
            long mean = dense == 0 ? 0 : (long)System.Math.Round(((k.Mamba * (double)Mamba(m)) + (k.Attention * (double)Attention(m)) + (k.Mlp * (double)Mlp(m, m.FfnHidden))) / dense);
            return (m.IsMoeLayer(layer) ? RoutedExperts(m) + MoeDensePart(m) : mean) + LayerNorms(m);
        }

        long mlp = m.IsMoeLayer(layer) ? RoutedExperts(m) + MoeDensePart(m) : Mlp(m, m.FfnHidden);
        return Attention(m) + mlp + LayerNorms(m);
    }

    /// <summary>Input embedding: V*h, plus max-sequence*h for learned positions.</summary>
    public static long Embedding(in ModelSpec m)
    {
        long positions = m.Positions == PositionEmbedding.Learned ? (long)m.MaxSequence * m.Hidden : 0;
        return ((long)m.Vocab * m.Hidden) + positions;
    }

    /// <summary>Output head (V*h unless tied to the embedding) and the final norm.</summary>
    public static long OutputHead(in ModelSpec m)
    {
        long head = m.TiedEmbeddings ? 0 : (long)m.Vocab * m.Hidden;
        long finalNorm = (m.Norm == NormKind.LayerNorm ? 2L : 1L) * m.Hidden;
        return head + finalNorm;
    }

    /// <summary>Total parameters (Psi), every expert counted.</summary>
    public static long Total(in ModelSpec m)
    {
        if (m.IsHybrid)
        {
            HybridLayers k = m.Hybrid;
            long blocks = (k.Mamba * Mamba(m)) + (k.Attention * Attention(m)) + (k.Mlp * Mlp(m, m.FfnHidden))
                + (k.Moe * (m.IsMoe ? RoutedExperts(m) + MoeDensePart(m) : 0));
            return blocks + (m.Layers * LayerNorms(m)) + Embedding(m) + OutputHead(m);
        }

        long dense = Attention(m) + Mlp(m, m.FfnHidden) + LayerNorms(m);
        long moe = Attention(m) + RoutedExperts(m) + MoeDensePart(m) + LayerNorms(m);
        int moeLayers = m.MoeLayers;
        return ((m.Layers - moeLayers) * dense) + (moeLayers * moe) + Embedding(m) + OutputHead(m);
    }

    /// <summary>Parameters a token passes through (Psi_a): routed experts counted r of E times.</summary>
    public static long Active(in ModelSpec m)
    {
        if (!m.IsMoe)
        {
            return Total(m);
        }

        long inactive = (long)(m.Experts - m.ActiveExperts) * Expert(m);
        return Total(m) - (m.MoeLayers * inactive);
    }
}
