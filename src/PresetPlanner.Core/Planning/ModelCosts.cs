namespace PresetPlanner;

/// <summary>
/// Per-model figures the evaluator needs for every layout, computed once per plan from the <see cref="ModelSpec"/>
/// (parameter counts per layer part from <see cref="ParameterCount"/>, activation widths per token).
/// </summary>
internal readonly struct ModelCosts
{
    // Fields rather than properties so that reads through `in` references never copy (see PlanningContext).
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

    /// <summary>Total intermediate width of the shared experts of one MoE layer.</summary>
    public readonly long SharedExpertWidth;
}
