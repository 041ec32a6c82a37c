using PresetPlanner.Settings;
using PresetPlanner.Specs;

namespace PresetPlanner.Rules;

/// <summary>
/// What one pipeline stage holds: its layers, how many of them are MoE, whether it is the first stage (embedding, the
/// most micro-batches in flight) or the last (output head, logits), and how many stages precede it (which sets the
/// micro-batches it holds under 1F1B).
/// </summary>
/// <param name="Layers">Transformer layers on the stage (one GPU's share of all its virtual chunks).</param>
/// <param name="MoeLayers">MoE layers among them.</param>
/// <param name="First">Holds the embedding.</param>
/// <param name="Last">Holds the output head.</param>
/// <param name="Position">Stages before it: 0 for the first, 1 for the busiest middle stage, p - 1 for the last.</param>
internal readonly record struct StageShape(int Layers, int MoeLayers, bool First, bool Last, int Position = 0)
{
    /// <summary>Layers on the most loaded GPU of an even split: ceil(L/p), or v chunks of ceil(L/(p v)) with interleaving.</summary>
    public static int MostLoadedLayers(int layers, int p, int v) => ParallelLayout.MostLoadedStageLayers(layers, p, v);

    /// <summary>The first stage of an even <paramref name="p"/>-stage split with <paramref name="v"/> virtual stages.</summary>
    public static StageShape FirstOf(in ModelSpec model, int p, int v) => FirstOf(model, PipelineSplit.Even(model.Layers, p, v), p, v);

    /// <summary>The last stage of an even split.</summary>
    public static StageShape LastOf(in ModelSpec model, int p, int v) => LastOf(model, PipelineSplit.Even(model.Layers, p, v), p, v);

    /// <summary>The first stage of <paramref name="split"/>: its layers are the model's first ones.</summary>
    public static StageShape FirstOf(in ModelSpec model, in PipelineSplit split, int p, int v)
    {
        int layers = split.First;
        int moe = v > 1 ? Spread(model, layers) : model.MoeLayersBefore(layers);
        return new StageShape(layers, moe, First: true, Last: p == 1, Position: 0);
    }

    /// <summary>The last stage of <paramref name="split"/>: its layers are the model's last ones.</summary>
    public static StageShape LastOf(in ModelSpec model, in PipelineSplit split, int p, int v)
    {
        int layers = split.Last;
        int moe = v > 1 ? Spread(model, layers) : model.MoeLayers - model.MoeLayersBefore(model.Layers - layers);
        return new StageShape(layers, moe, First: p == 1, Last: true, Position: p - 1);
    }

    /// <summary>The second stage, standing for the middle ones (which all hold <see cref="PipelineSplit.Middle"/> layers).</summary>
    public static StageShape MiddleOf(in ModelSpec model, in PipelineSplit split, int v)
    {
        int layers = split.Middle;
        int moe = v > 1 ? Spread(model, layers) : model.MoeLayersBefore(split.First + layers) - model.MoeLayersBefore(split.First);
        return new StageShape(layers, moe, First: false, Last: false, Position: 1);
    }

    // With interleaving a GPU's chunks come from all over the model: its share of the MoE layers, rounded up.
    private static int Spread(in ModelSpec model, int layers) =>
        (int)Math.Min(layers, (((long)model.MoeLayers * layers) + model.Layers - 1) / model.Layers);

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;
}
