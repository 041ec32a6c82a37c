using PresetPlanner.Settings;

namespace PresetPlanner.Rules;

/// <summary>
/// How many transformer layers the first, the middle and the last pipeline stages hold (one GPU's share, all its
/// virtual chunks together), following Megatron-Core's <c>get_num_layers_to_build</c>
/// (<c>megatron/core/transformer/transformer_block.py</c>): <c>--decoder-first-pipeline-num-layers</c> and
/// <c>--decoder-last-pipeline-num-layers</c> fix the end stages and split the rest evenly over the others;
/// <c>--account-for-embedding-in-pipeline-split</c> and <c>--account-for-loss-in-pipeline-split</c> count the embedding
/// and the loss as one layer each, so the end stages get one transformer layer fewer. Layers that do not divide go to the
/// most loaded stage rounded up (a <c>--pipeline-model-parallel-layout</c> can place them anywhere; the busiest stage is
/// what memory and time depend on).
/// </summary>
/// <param name="First">Layers of the first stage.</param>
/// <param name="Middle">Layers of the busiest middle stage (equal to the others when p &lt; 3).</param>
/// <param name="Last">Layers of the last stage.</param>
internal readonly record struct PipelineSplit(int First, int Middle, int Last)
{
    /// <summary>An even split: ceil(L/p) per stage, or v chunks of ceil(L/(p v)).</summary>
    public static PipelineSplit Even(int layers, int p, int v)
    {
        int per = StageShape.MostLoadedLayers(layers, p, v);
        return new PipelineSplit(per, per, per);
    }

    /// <summary>
    /// The split of <paramref name="layers"/> layers over <paramref name="p"/> stages of <paramref name="v"/> chunks with
    /// the settings' uneven-pipeline options; false when the options cannot be met (end stages holding more than the
    /// model, or middle stages left without a layer per chunk).
    /// </summary>
    public static bool TryOf(int layers, in TrainingSettings s, int p, int v, out PipelineSplit split)
    {
        split = Even(layers, p, v);
        if (p == 1)
        {
            split = new PipelineSplit(layers, layers, layers);
            return true;
        }

        int first = s.FirstStageLayers;
        int last = s.LastStageLayers;
        if (first > 0 || last > 0)
        {
            int middleStages = p - (first > 0 ? 1 : 0) - (last > 0 ? 1 : 0);
            long rest = (long)layers - first - last;
            if (rest < 0 || (middleStages == 0 && rest > 0) || (middleStages > 0 && rest < (long)middleStages * v))
            {
                return false;
            }

            int per = middleStages == 0 ? 0 : (int)(((rest + ((long)middleStages * v) - 1) / ((long)middleStages * v)) * v);
            split = new PipelineSplit(first > 0 ? first : per, per, last > 0 ? last : per);
            return true;
        }

        int extraFirst = s.EmbeddingInPipelineSplit ? 1 : 0;
        int extraLast = s.LossInPipelineSplit ? 1 : 0;
        if (extraFirst + extraLast == 0)
        {
            return true;
        }

        int perStage = StageShape.MostLoadedLayers(layers + extraFirst + extraLast, p, v);
        split = new PipelineSplit(perStage - extraFirst, perStage, perStage - extraLast);
        return split.First >= 0 && split.Last >= 0;
    }
}
