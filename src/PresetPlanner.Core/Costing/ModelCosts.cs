using PresetPlanner.Specs;

namespace PresetPlanner.Costing;

/// <summary>
/// Per-model figures the evaluator needs for every layout, computed once per plan from the <see cref="ModelSpec"/>
/// (parameter counts per layer part from <see cref="ParameterCount"/>, activation widths per token).
/// </summary>
/// <remarks>
/// The core costs two kinds of layer, dense and MoE. A transformer layer holds attention and an MLP (every share 1, no
/// Mamba). A hybrid Mamba-Transformer layer holds one block, so its dense layer is the mean of its Mamba, attention and
/// MLP layers (the shares below are their fractions of the non-MoE layers) and its MoE layer has no attention. On a
/// pipeline stage each kind then takes its share of the stage's layers: exact for the whole model and for one stage,
/// and for a split stage as exact as the pattern is evenly mixed (Nemotron-H repeats M-M-M-M*- , Nemotron 3 ME...M*).
/// </remarks>
internal readonly struct ModelCosts
{
    // Fields rather than properties so that reads through `in` references never copy (see CostContext).
    /// <summary>Computes the figures of <paramref name="model"/>.</summary>
    public ModelCosts(in ModelSpec model)
    {
        Model = model;
        AttentionParameters = ParameterCount.Attention(model);
        DenseMlpParameters = ParameterCount.Mlp(model, model.FfnHidden);
        MoeDenseParameters = model.IsMoe ? ParameterCount.MoeDensePart(model) : 0;
        RoutedExpertParameters = model.IsMoe ? ParameterCount.RoutedExperts(model) : 0;
        NormParameters = ParameterCount.LayerNorms(model);
        WordEmbeddingParameters = (long)model.Vocab * model.Hidden;
        PositionEmbeddingParameters = ParameterCount.Embedding(model) - WordEmbeddingParameters;
        OutputHeadParameters = ParameterCount.OutputHead(model);
        TotalParameters = ParameterCount.Total(model);
        ActiveParameters = ParameterCount.Active(model);
        MoeLayers = model.MoeLayers;
        MlpMatrices = ParameterCount.MlpMatrices(model);
        MambaParameters = ParameterCount.Mamba(model);
        HybridLayers k = model.Hybrid;
        int dense = k.Mamba + k.Attention + k.Mlp;
        bool hybrid = model.IsHybrid;
        AttentionPerDenseLayer = !hybrid ? 1 : dense == 0 ? 0 : k.Attention / (double)dense;
        MlpPerDenseLayer = !hybrid ? 1 : dense == 0 ? 0 : k.Mlp / (double)dense;
        MambaPerDenseLayer = !hybrid || dense == 0 ? 0 : k.Mamba / (double)dense;
        AttentionPerMoeLayer = hybrid ? 0 : 1;
        BlocksPerLayer = hybrid ? 1 : 2;
        AttentionLayers = model.AttentionLayers;
        MambaLayers = k.Mamba;
        AttentionLayerShare = AttentionLayers / (double)model.Layers;
        MtpExtraAttention = 1 - (model.IsMoe ? AttentionPerMoeLayer : AttentionPerDenseLayer);
        DenseLayerParameters = (AttentionPerDenseLayer * AttentionParameters) + (MlpPerDenseLayer * DenseMlpParameters) + (MambaPerDenseLayer * MambaParameters);
        MoeLayerParameters = (AttentionPerMoeLayer * AttentionParameters) + MoeDenseParameters;
        SharedExpertWidth = model.SharedExperts * (long)(model.SharedExpertFfnHidden > 0 ? model.SharedExpertFfnHidden : model.MoeFfnHidden);
    }

    /// <summary>The model.</summary>
    public readonly ModelSpec Model;

    /// <summary>Attention parameters of one layer.</summary>
    public readonly long AttentionParameters;

    /// <summary>Dense MLP parameters of one dense layer.</summary>
    public readonly long DenseMlpParameters;

    /// <summary>Shared experts and router of one MoE layer (sharded by TP only).</summary>
    public readonly long MoeDenseParameters;

    /// <summary>All routed experts of one MoE layer (sharded by EP).</summary>
    public readonly long RoutedExpertParameters;

    /// <summary>Norm parameters of one layer (replicated across TP).</summary>
    public readonly long NormParameters;

    /// <summary>Word embedding V x h (vocabulary-parallel over TP).</summary>
    public readonly long WordEmbeddingParameters;

    /// <summary>Learned position embedding, if any (replicated across TP).</summary>
    public readonly long PositionEmbeddingParameters;

    /// <summary>Output head (0 when tied) plus the final norm.</summary>
    public readonly long OutputHeadParameters;

    /// <summary>Total parameters (Psi).</summary>
    public readonly long TotalParameters;

    /// <summary>Parameters per token (Psi_a).</summary>
    public readonly long ActiveParameters;

    /// <summary>Number of MoE layers.</summary>
    public readonly int MoeLayers;

    /// <summary>Matrices per MLP (3 gated, 2 plain).</summary>
    public readonly int MlpMatrices;

    /// <summary>One Mamba-2 mixer (0 without Mamba layers; split by TP).</summary>
    public readonly long MambaParameters;

    /// <summary>Attention blocks per dense layer: 1 in a transformer, a hybrid's attention share of its non-MoE layers.</summary>
    public readonly double AttentionPerDenseLayer;

    /// <summary>Dense MLP blocks per dense layer: 1 in a transformer, a hybrid's MLP share of its non-MoE layers.</summary>
    public readonly double MlpPerDenseLayer;

    /// <summary>Mamba-2 blocks per dense layer: 0 in a transformer, a hybrid's Mamba share of its non-MoE layers.</summary>
    public readonly double MambaPerDenseLayer;

    /// <summary>Attention blocks per MoE layer: 1 in a transformer, 0 in a hybrid (its E layers hold the MoE only).</summary>
    public readonly double AttentionPerMoeLayer;

    /// <summary>Blocks (each with its pair of TP collectives and its kernels) per layer: 2 in a transformer, 1 in a hybrid.</summary>
    public readonly int BlocksPerLayer;

    /// <summary>Layers with attention: every layer of a transformer, a hybrid's * layers.</summary>
    public readonly int AttentionLayers;

    /// <summary>Mamba-2 layers (0 in a transformer).</summary>
    public readonly int MambaLayers;

    /// <summary>The share of layers with attention, whose K/V CP exchanges: 1 in a transformer.</summary>
    public readonly double AttentionLayerShare;

    /// <summary>
    /// Attention blocks one MTP depth has beyond the layer it is costed as (an MoE layer in an MoE model, else a dense
    /// one): 0 in a transformer, whose layers hold attention; in a hybrid the rest of the one attention block.
    /// </summary>
    public readonly double MtpExtraAttention;

    /// <summary>TP-split parameters of one dense layer: attention, MLP and Mamba blocks by their shares.</summary>
    public readonly double DenseLayerParameters;

    /// <summary>TP-split parameters of one MoE layer: its attention (none in a hybrid), shared experts and router.</summary>
    public readonly double MoeLayerParameters;

    /// <summary>Total intermediate width of the shared experts of one MoE layer.</summary>
    public readonly long SharedExpertWidth;
}
