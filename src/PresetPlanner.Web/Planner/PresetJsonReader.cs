extern alias generator;

using PresetFileCheck = generator::PresetPlanner.Generator.Parsing.PresetFileCheck;
using PresetFileReport = generator::PresetPlanner.Generator.Parsing.PresetFileReport;
using PresetKind = generator::PresetPlanner.Generator.Specs.PresetKind;
using PresetPlanner.Cli.Input;
using PresetPlanner.Specs;
using PresetPlanner.Validation;

namespace PresetPlanner.Web.Planner;

/// <summary>
/// A pasted model preset JSON (the schema of presets/models), read by the generator's own parser with its rules and
/// located messages, as the CLI's <c>--model-file</c> reads one. Its assemblies are loaded lazily by the page, so this
/// type is touched only once they are.
/// </summary>
public static class PresetJsonReader
{
    /// <summary>The assemblies the reader needs (Blazor lazy-load names).</summary>
    public static readonly string[] Assemblies = ["Microsoft.CodeAnalysis.wasm", "Microsoft.CodeAnalysis.CSharp.wasm", "PresetPlanner.Generator.wasm"];

    /// <summary>The model preset <paramref name="text"/> describes.</summary>
    /// <exception cref="PlanInputException">The first of the build's diagnostics, with its line and column.</exception>
    public static ModelPreset Read(string text)
    {
        PresetFileReport report = PresetFileCheck.Check("pasted.json", text, PresetKind.Model);
        if (report.HasErrors)
        {
            throw new PlanInputException(InputField.Preset, report.Summary);
        }

        return GeneratorSpecs.Model(report.Model!);
    }

    /// <summary>Whether pasted text is a model preset rather than a Hugging Face config: it has no "architectures".</summary>
    public static bool LooksLikePreset(string text) =>
        !text.Contains("\"architectures\"", StringComparison.Ordinal) && (text.Contains("\"layers\"", StringComparison.Ordinal) || text.Contains("model.schema.json", StringComparison.Ordinal));
}
