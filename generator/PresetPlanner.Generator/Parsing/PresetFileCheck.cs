using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using PresetPlanner.Generator.Diagnostics;
using PresetPlanner.Generator.Specs;

namespace PresetPlanner.Generator.Parsing;

/// <summary>One preset file read at run time with what the build reports: the parsed preset, or none, and the diagnostics.</summary>
/// <param name="Model">The model preset, when the file is one and has no error.</param>
/// <param name="Gpu">The GPU preset, when the file is one and has no error.</param>
/// <param name="Cluster">The cluster preset, when the file is one and has no error.</param>
/// <param name="Diagnostics">Every diagnostic as the compiler prints it: <c>file(line,col): error PP00xx: message</c>.</param>
/// <param name="HasErrors">Whether any diagnostic would fail the repository's build (warnings are errors there).</param>
/// <param name="Path">The file the report is about.</param>
/// <param name="GpuLocation">Where a cluster file's "gpu" property is, for the cross-file rule the caller applies.</param>
internal sealed record PresetFileReport(ModelPresetSpec? Model, GpuPresetSpec? Gpu, ClusterPresetSpec? Cluster, IReadOnlyList<string> Diagnostics, bool HasErrors, string Path, LocationInfo? GpuLocation)
{
    /// <summary>The first diagnostic, and how many more there are: the one line a tool prints.</summary>
    public string Summary => Diagnostics.Count > 1 ? $"{Diagnostics[0]} (and {Diagnostics.Count - 1} more)" : Diagnostics.Count == 1 ? Diagnostics[0] : string.Empty;

    /// <summary>PP0011 as the build words it, at the cluster's "gpu" property: <paramref name="gpuId"/> is none of <paramref name="known"/>.</summary>
    public string UnknownGpu(string gpuId, string known) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.UnknownGpu, GpuLocation ?? LocationInfo.FileStart(Path), PresetPaths.FileName(Path), gpuId, known).ToDiagnostic().ToString();
}

/// <summary>
/// The generator's reading of one preset file for tools that try a preset without a build (the CLI's
/// <c>--model-file</c>, <c>--gpu-file</c>, <c>--cluster-file</c>): the same parser, rules and located messages the
/// build gives. Cross-file rules (a cluster's GPU) are the caller's, as it knows which GPUs exist.
/// </summary>
internal static class PresetFileCheck
{
    public static PresetFileReport Check(string path, string text, PresetKind kind)
    {
        ParsedPresetFile parsed = PresetFileParser.Parse(path, SourceText.From(text), kind, CancellationToken.None);
        List<Diagnostic> diagnostics = parsed.Diagnostics.Select(d => d.ToDiagnostic()).ToList();
        bool errors = diagnostics.Any(d => d.Severity >= DiagnosticSeverity.Warning);
        return new PresetFileReport(
            errors ? null : parsed.Model,
            errors ? null : parsed.Gpu,
            errors ? null : parsed.Cluster,
            diagnostics.Select(d => d.ToString()).ToList(),
            errors,
            path,
            parsed.GpuLocation);
    }
}
