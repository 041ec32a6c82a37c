using Microsoft.CodeAnalysis;
using PresetPlanner.Generator.Catalog;
using PresetPlanner.Generator.Diagnostics;
using PresetPlanner.Generator.Emit;
using PresetPlanner.Generator.Reading;

namespace PresetPlanner.Generator;

/// <summary>
/// Turns <c>presets/{models,gpus,clusters}/*.json</c> additional files into the <c>Presets</c> catalog: one file per
/// preset with its constants, info, spec and preset, one catalog file, and diagnostics (PP0001-PP0014) on a separate
/// output. What is emitted is decided once, in the <see cref="CatalogSpec"/>.
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
            .Select(static (t, ct) => PresetFileParser.Parse(t.Path, t.GetText(ct)?.ToString(), ct))
            .WithTrackingName(TrackingNames.ParsedPresetFile);

        IncrementalValuesProvider<ModelPresetSpec> models = files.Select(static (f, _) => f.Model!).Where(static m => m is not null).WithTrackingName(TrackingNames.ModelSpecs);
        IncrementalValuesProvider<GpuPresetSpec> gpus = files.Select(static (f, _) => f.Gpu!).Where(static g => g is not null).WithTrackingName(TrackingNames.GpuSpecs);
        IncrementalValuesProvider<ClusterPresetSpec> clusters = files.Select(static (f, _) => f.Cluster!).Where(static c => c is not null).WithTrackingName(TrackingNames.ClusterSpecs);

        IncrementalValueProvider<EquatableArray<GpuReference>> gpuIndex = gpus
            .Select(static (g, _) => new GpuReference(g.Id, g.Identifier, g.ScaleUpDomain, g.Path))
            .Collect()
            .Select(static (all, _) => CatalogBuilder.SortGpus(all))
            .WithTrackingName(TrackingNames.GpuIndex);

        IncrementalValueProvider<CatalogSpec> catalog = files
            .Select(static (f, _) => f.Identity!)
            .Where(static i => i is not null)
            .WithTrackingName(TrackingNames.Identities)
            .Collect()
            .Combine(gpuIndex)
            .Select(static (x, _) => CatalogBuilder.Build(x.Left, x.Right))
            .WithTrackingName(TrackingNames.Catalog);

        context.RegisterSourceOutput(files.Combine(catalog), static (spc, x) => ReportDiagnostics(spc, x.Left, x.Right));
        context.RegisterSourceOutput(models.Combine(catalog).Combine(options), static (spc, x) => EmitModel(spc, x.Left.Left, x.Left.Right, x.Right));
        context.RegisterSourceOutput(gpus.Combine(catalog).Combine(options), static (spc, x) => EmitGpu(spc, x.Left.Left, x.Left.Right, x.Right));
        context.RegisterSourceOutput(clusters.Combine(catalog).Combine(options), static (spc, x) => EmitCluster(spc, x.Left.Left, x.Left.Right, x.Right));
        context.RegisterSourceOutput(catalog.Combine(options), static (spc, x) => spc.AddSource(CatalogEmitter.HintName, CatalogEmitter.Emit(x.Left, x.Right)));
    }

    private static void EmitModel(SourceProductionContext spc, ModelPresetSpec spec, CatalogSpec catalog, CatalogOptions options)
    {
        if (catalog.Emits(spec.Path))
        {
            spc.AddSource(ModelEmitter.HintName(spec), ModelEmitter.Emit(spec, options));
        }
    }

    private static void EmitGpu(SourceProductionContext spc, GpuPresetSpec spec, CatalogSpec catalog, CatalogOptions options)
    {
        if (catalog.Emits(spec.Path))
        {
            spc.AddSource(GpuEmitter.HintName(spec), GpuEmitter.Emit(spec, options));
        }
    }

    private static void EmitCluster(SourceProductionContext spc, ClusterPresetSpec spec, CatalogSpec catalog, CatalogOptions options)
    {
        if (catalog.Emits(spec.Path) && catalog.Gpu(spec.GpuId) is GpuReference gpu)
        {
            spc.AddSource(ClusterEmitter.HintName(spec), ClusterEmitter.Emit(spec, gpu, options));
        }
    }

    private static void ReportDiagnostics(SourceProductionContext spc, ParsedPresetFile file, CatalogSpec catalog)
    {
        foreach (PresetProblem problem in file.Problems)
        {
            spc.ReportDiagnostic(ProblemDiagnostics.ToDiagnostic(problem));
        }

        foreach (Rejection rejection in catalog.For(file.Path))
        {
            spc.ReportDiagnostic(ProblemDiagnostics.ToDiagnostic(CatalogProblems.Of(rejection, file)));
        }
    }
}
