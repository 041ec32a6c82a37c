using System.Threading;

namespace PresetPlanner.Generator.Reading;

/// <summary>
/// First pipeline step: one additional file in, one <see cref="ParsedPresetFile"/> out. The Reading folder is the
/// generator's lowest layer: everything a preset file needs to be read and judged, with no Roslyn type, so that
/// PresetPlanner.Import compiles the same files (by source) to read presets at run time.
/// </summary>
internal static class PresetFileParser
{
    public static ParsedPresetFile Parse(string path, string? text, CancellationToken ct)
    {
        PresetPaths.TryClassify(path, out PresetKind kind);
        return Parse(path, text, kind, ct);
    }

    /// <summary>Parses a file whose kind is known from elsewhere (a command-line flag) rather than from its folder.</summary>
    public static ParsedPresetFile Parse(string path, string? text, PresetKind kind, CancellationToken ct)
    {
        string display = PresetPaths.FileName(path);
        if (text is null)
        {
            var unreadable = PresetProblem.Create(PresetRules.InvalidJson, PresetLocation.FileStart(path), display, "the file could not be read");
            return Failed(path, unreadable);
        }

        JsonPresetDocument? document = JsonPresetDocument.Read(path, display, text, ct, out PresetProblem? error);
        if (document is null)
        {
            return Failed(path, error!);
        }

        var reader = new PresetReader(document, display, kind.ToString().ToLowerInvariant());
        ModelPresetSpec? model = null;
        GpuPresetSpec? gpu = null;
        ClusterPresetSpec? cluster = null;
        PresetIdentity? identity = null;
        switch (kind)
        {
            case PresetKind.Model:
                model = ModelPresetParser.Parse(reader, path);
                identity = model is null ? null : new PresetIdentity(kind, model.Id, model.Identifier, path, string.Empty, 0, 0, 0);
                break;
            case PresetKind.Gpu:
                gpu = GpuPresetParser.Parse(reader, path);
                identity = gpu is null ? null : new PresetIdentity(kind, gpu.Id, gpu.Identifier, path, string.Empty, 0, 0, 0);
                break;
            default:
                cluster = ClusterPresetParser.Parse(reader, path);
                identity = cluster is null ? null : new PresetIdentity(kind, cluster.Id, cluster.Identifier, path, cluster.GpuId, cluster.GpusPerNode, cluster.NvlinkDomain, cluster.GpusPerDomain);
                break;
        }

        reader.ReportLeftovers();
        if (reader.HasErrors)
        {
            (model, gpu, cluster, identity) = (null, null, null, null);
        }

        return new ParsedPresetFile(
            path,
            identity,
            reader.At("id"),
            reader.Has("identifier") ? reader.At("identifier") : reader.At("id"),
            kind == PresetKind.Cluster ? reader.At("gpu") : null,
            model,
            gpu,
            cluster,
            EquatableArray.From(reader.Problems));
    }

    private static ParsedPresetFile Failed(string path, PresetProblem diagnostic) =>
        new(path, null, null, null, null, null, null, null, new EquatableArray<PresetProblem>([diagnostic]));
}
