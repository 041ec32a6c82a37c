namespace PresetPlanner;

/// <summary>
/// Per-model figures the evaluator needs for every layout, computed once per plan from the <see cref="ModelSpec"/>
/// (parameter counts per layer part from <see cref="ParameterCount"/>, activation widths per token).
/// </summary>
public readonly struct ModelCosts
{
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
        SharedExpertWidth = model.SharedExperts * (long)(model.SharedExpertFfnHidden > 0 ? model.SharedExpertFfnHidden : model.MoeFfnHidden);
    }

    /// <summary>The model.</summary>
    public ModelSpec Model { get; }

    /// <summary>Attention parameters of one layer.</summary>
    public long AttentionParameters { get; }

    /// <summary>Dense MLP parameters of one dense layer.</summary>
    public long DenseMlpParameters { get; }

    /// <summary>Shared experts and router of one MoE layer (sharded by TP only).</summary>
    public long MoeDenseParameters { get; }

    /// <summary>All routed experts of one MoE layer (sharded by EP).</summary>
    public long RoutedExpertParameters { get; }

    /// <summary>Norm parameters of one layer (replicated across TP).</summary>
    public long NormParameters { get; }

    /// <summary>Word embedding V x h (vocabulary-parallel over TP).</summary>
    public long WordEmbeddingParameters { get; }

    /// <summary>Learned position embedding, if any (replicated across TP).</summary>
    public long PositionEmbeddingParameters { get; }

    /// <summary>Output head (0 when tied) plus the final norm.</summary>
    public long OutputHeadParameters { get; }

    /// <summary>Total parameters (Psi).</summary>
    public long TotalParameters { get; }

    /// <summary>Parameters per token (Psi_a).</summary>
    public long ActiveParameters { get; }

    /// <summary>Number of MoE layers.</summary>
    public int MoeLayers { get; }

    /// <summary>Matrices per MLP (3 gated, 2 plain).</summary>
    public int MlpMatrices { get; }

    /// <summary>Total intermediate width of the shared experts of one MoE layer.</summary>
    public long SharedExpertWidth { get; }
}
