extern alias gen;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PresetPlanner.Generator.Tests;

/// <summary>Runs the preset generator over in-memory files, the way the compiler does.</summary>
internal static class GeneratorHarness
{
    public const string Namespace = "TestCatalog";

    public static readonly string[] TrackingNames = typeof(gen::PresetPlanner.Generator.PresetGenerator).Assembly
        .GetType("PresetPlanner.Generator.TrackingNames")!
        .GetFields()
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);

    public static SyntaxTree Parse(string source) => CSharpSyntaxTree.ParseText(source, ParseOptions);

    public static CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
        "PresetTests",
        sources.Select(Parse),
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(PresetPlanner.Specs.ModelSpec).Assembly.Location)],
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files) => CSharpGeneratorDriver.Create(
        [new gen::PresetPlanner.Generator.PresetGenerator().AsSourceGenerator()],
        additionalTexts: files,
        parseOptions: ParseOptions,
        optionsProvider: new TestOptionsProvider(Namespace),
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorResult Run(params (string Path, string Json)[] files)
    {
        AdditionalText[] texts = files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Json)).ToArray();
        GeneratorDriver driver = CreateDriver(texts);
        CSharpCompilation compilation = CreateCompilation("namespace Placeholder { internal static class P { } }");
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> _);
        return new GeneratorResult(driver, compilation, output, [.. texts]);
    }

    /// <summary>The repository's real presets folder, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "PresetPlanner.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("PresetPlanner.sln not found above " + AppContext.BaseDirectory);
    }

    public static (string Path, string Json)[] RealPresets() => Directory
        .EnumerateFiles(Path.Combine(RepositoryRoot(), "presets"), "*.json", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(p => (p, File.ReadAllText(p)))
        .ToArray();

    public static (string Path, string Json) RealPreset(string kindFolder, string id)
    {
        string path = Path.Combine(RepositoryRoot(), "presets", kindFolder, id + ".json");
        return (path, File.ReadAllText(path));
    }
}

/// <summary>One generator run: the driver (for further runs), the input and the output compilation.</summary>
internal sealed record GeneratorResult(GeneratorDriver Driver, CSharpCompilation Input, Compilation Output, ImmutableArray<AdditionalText> Texts)
{
    public AdditionalText Text(string path) => Texts.Single(t => t.Path == path);

    public GeneratorDriverRunResult RunResult => Driver.GetRunResult();

    public ImmutableArray<Diagnostic> GeneratorDiagnostics => RunResult.Diagnostics;

    public IEnumerable<Diagnostic> CompilationProblems => Output.GetDiagnostics()
        .Where(d => d.Severity >= DiagnosticSeverity.Warning);

    public string Source(string hintName) => RunResult.Results.Single().GeneratedSources
        .Single(s => s.HintName == hintName).SourceText.ToString();

    public IEnumerable<string> HintNames => RunResult.Results.Single().GeneratedSources.Select(s => s.HintName);
}
