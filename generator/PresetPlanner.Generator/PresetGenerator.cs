using Microsoft.CodeAnalysis;
using PresetPlanner.Generator.Diagnostics;
using PresetPlanner.Generator.Emit;
using PresetPlanner.Generator.Helpers;
using PresetPlanner.Generator.Parsing;
using PresetPlanner.Generator.Specs;

namespace PresetPlanner.Generator;

/// <summary>
/// Turns <c>presets/{models,gpus,clusters}/*.json</c> additional files into the <c>Presets</c> catalog: one file per
/// preset with its constants and spec, one catalog file, and diagnostics (PP0001-PP0014) on a separate output.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PresetGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<CatalogOptions> options = context.AnalyzerConfigOptionsProvider
            .Select(static (p, _) => CatalogOptions.From(p.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        IncrementalValuesProvider<ParsedPresetFile> files = context.AdditionalTextsProvider
            .Where(static t => PresetPaths.TryClassify(t.Path, out _))
            .Select(static (t, ct) => PresetFileParser.Parse(t.Path, t.GetText(ct), ct))
            .WithTrackingName(TrackingNames.ParsedPresetFile);

        IncrementalValueProvider<PresetConflicts> conflicts = files
            .Select(static (f, _) => f.Identity!)
            .Where(static i => i is not null)
            .WithTrackingName(TrackingNames.Identities)
            .Collect()
            .Select(static (all, _) => PresetConflicts.Find(all))
            .WithTrackingName(TrackingNames.Conflicts);

        IncrementalValuesProvider<GpuPresetSpec> gpus = files.Select(static (f, _) => f.Gpu!).Where(static g => g is not null).WithTrackingName(TrackingNames.GpuSpecs);
        IncrementalValueProvider<EquatableArray<GpuReference>> gpuIndex = gpus
            .Select(static (g, _) => new GpuReference(g.Id, g.Identifier, g.ScaleUpDomain))
            .Collect()
            .Select(static (all, _) => GpuIndex.Sort(all))
            .WithTrackingName(TrackingNames.GpuIndex);

        IncrementalValuesProvider<ModelPresetSpec> models = files.Select(static (f, _) => f.Model!).Where(static m => m is not null).WithTrackingName(TrackingNames.ModelSpecs);
        IncrementalValuesProvider<ClusterPresetSpec> clusters = files.Select(static (f, _) => f.Cluster!).Where(static c => c is not null).WithTrackingName(TrackingNames.ClusterSpecs);

        IncrementalValueProvider<CatalogSpec> catalog = files
            .Select(static (f, _) => f.Identity!)
            .Where(static i => i is not null)
            .Collect()
            .Combine(conflicts)
            .Combine(gpuIndex)
            .Select(static (x, _) => GpuIndex.BuildCatalog(x.Left.Left, x.Left.Right, x.Right))
            .WithTrackingName(TrackingNames.Catalog);

        context.RegisterSourceOutput(files.Combine(conflicts).Combine(gpuIndex), static (spc, x) => ReportDiagnostics(spc, x.Left.Left, x.Left.Right, x.Right));
        context.RegisterSourceOutput(models.Combine(conflicts).Combine(options), static (spc, x) => EmitModel(spc, x.Left.Left, x.Left.Right, x.Right));
        context.RegisterSourceOutput(gpus.Combine(conflicts).Combine(options), static (spc, x) => EmitGpu(spc, x.Left.Left, x.Left.Right, x.Right));
        context.RegisterSourceOutput(clusters.Combine(conflicts).Combine(gpuIndex).Combine(options), static (spc, x) => EmitCluster(spc, x.Left.Left.Left, x.Left.Left.Right, x.Left.Right, x.Right));
        context.RegisterSourceOutput(catalog.Combine(options), static (spc, x) => spc.AddSource(CatalogEmitter.HintName, CatalogEmitter.Emit(x.Left, x.Right)));
    }

    private static void EmitModel(SourceProductionContext spc, ModelPresetSpec spec, PresetConflicts conflicts, CatalogOptions options)
    {
        if (!conflicts.Excludes(spec.Path))
        {
            spc.AddSource(ModelEmitter.HintName(spec), ModelEmitter.Emit(spec, options));
        }
    }

    private static void EmitGpu(SourceProductionContext spc, GpuPresetSpec spec, PresetConflicts conflicts, CatalogOptions options)
    {
        if (!conflicts.Excludes(spec.Path))
        {
            spc.AddSource(GpuEmitter.HintName(spec), GpuEmitter.Emit(spec, options));
        }
    }

    private static void EmitCluster(SourceProductionContext spc, ClusterPresetSpec spec, PresetConflicts conflicts, EquatableArray<GpuReference> gpus, CatalogOptions options)
    {
        GpuReference? gpu = GpuIndex.Find(gpus, spec.GpuId);
        if (gpu is not null && !conflicts.Excludes(spec.Path) && spec.GpusPerNode <= gpu.ScaleUpDomain)
        {
            spc.AddSource(ClusterEmitter.HintName(spec), ClusterEmitter.Emit(spec, gpu, options));
        }
    }

    private static void ReportDiagnostics(SourceProductionContext spc, ParsedPresetFile file, PresetConflicts conflicts, EquatableArray<GpuReference> gpus)
    {
        foreach (DiagnosticInfo diagnostic in file.Diagnostics)
        {
            spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        foreach (DiagnosticInfo diagnostic in CrossFileDiagnostics.For(file, conflicts, gpus))
        {
            spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
