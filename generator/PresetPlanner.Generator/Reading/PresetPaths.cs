namespace PresetPlanner.Generator.Reading;

/// <summary>Classifies an additional file as a preset by its folder: <c>presets/models/*.json</c>, <c>presets/gpus/*.json</c>, <c>presets/clusters/*.json</c>.</summary>
internal static class PresetPaths
{
    public static bool TryClassify(string path, out PresetKind kind)
    {
        kind = default;
        string normalized = path.Replace('\\', '/');
        if (!normalized.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string[] parts = normalized.Split('/');
        if (parts.Length < 3 || parts[parts.Length - 3] != "presets")
        {
            return false;
        }

        switch (parts[parts.Length - 2])
        {
            case "models":
                kind = PresetKind.Model;
                return true;
            case "gpus":
                kind = PresetKind.Gpu;
                return true;
            case "clusters":
                kind = PresetKind.Cluster;
                return true;
            default:
                return false;
        }
    }

    public static string FileName(string path)
    {
        string normalized = path.Replace('\\', '/');
        return normalized.Substring(normalized.LastIndexOf('/') + 1);
    }
}
