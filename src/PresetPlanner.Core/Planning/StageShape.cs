namespace PresetPlanner;

/// <summary>
/// What one pipeline stage holds: its layers (the most loaded stage gets ceil(L/p)), how many of them are MoE, and
/// whether it is the first stage (embedding, p micro-batches in flight) or the last (output head, logits).
/// </summary>
/// <param name="Layers">Transformer layers on the stage.</param>
/// <param name="MoeLayers">MoE layers among them.</param>
/// <param name="First">Holds the embedding.</param>
/// <param name="Last">Holds the output head.</param>
internal readonly record struct StageShape(int Layers, int MoeLayers, bool First, bool Last)
{
    /// <summary>Layers on the most loaded GPU: ceil(L/p), or v chunks of ceil(L/(p v)) with interleaving (Megatron-Core splits unevenly).</summary>
    public static int MostLoadedLayers(int layers, int p, int v) => v > 1 ? CeilDiv(layers, p * v) * v : CeilDiv(layers, p);

    /// <summary>The first stage of a <paramref name="p"/>-stage pipeline with <paramref name="v"/> virtual stages.</summary>
    public static StageShape FirstOf(in ModelSpec model, int p, int v)
    {
        int layers = MostLoadedLayers(model.Layers, p, v);
        int moe = v > 1 ? Math.Min(layers, CeilDiv(model.MoeLayers * layers, model.Layers)) : model.MoeLayersBefore(layers);
        return new StageShape(layers, moe, First: true, Last: p == 1);
    }

    /// <summary>The last stage.</summary>
    public static StageShape LastOf(in ModelSpec model, int p, int v)
    {
        int layers = MostLoadedLayers(model.Layers, p, v);
        int moe = v > 1 ? Math.Min(layers, CeilDiv(model.MoeLayers * layers, model.Layers)) : model.MoeLayers - model.MoeLayersBefore(model.Layers - layers);
        return new StageShape(layers, moe, First: p == 1, Last: true);
    }

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;
}
