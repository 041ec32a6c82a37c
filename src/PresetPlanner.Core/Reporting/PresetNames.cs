namespace PresetPlanner;

/// <summary>Display names of specs, looked up in the generated catalog at the boundary (the structs carry no strings).</summary>
public static class PresetNames
{
    /// <summary>The name of the model preset equal to <paramref name="model"/>, or "custom model".</summary>
    public static string Of(in ModelSpec model)
    {
        ReadOnlySpan<ModelSpec> all = Presets.Models.All;
        for (int i = 0; i < all.Length; i++)
        {
            if (all[i] == model)
            {
                return Presets.Models.InfoAt(i).Name;
            }
        }

        return "custom model";
    }

    /// <summary>The GPU preset equal to <paramref name="gpu"/>, or null for a custom GPU.</summary>
    public static PresetInfo? Find(in GpuSpec gpu)
    {
        ReadOnlySpan<GpuSpec> all = Presets.Gpus.All;
        for (int i = 0; i < all.Length; i++)
        {
            if (all[i] == gpu)
            {
                return Presets.Gpus.InfoAt(i);
            }
        }

        return null;
    }

    /// <summary>The id of the cluster preset equal to <paramref name="cluster"/> with its name, or a description.</summary>
    public static string Of(in ClusterSpec cluster)
    {
        ReadOnlySpan<ClusterSpec> all = Presets.Clusters.All;
        for (int i = 0; i < all.Length; i++)
        {
            if (all[i] == cluster)
            {
                PresetInfo info = Presets.Clusters.InfoAt(i);
                return info.Id + " (" + info.Name + ")";
            }
        }

        return "custom cluster";
    }
}
