using PresetPlanner.Import.Presets;
using PresetPlanner.Specs;
using PresetPlanner.Validation;

namespace PresetPlanner.Web.Planner;

/// <summary>
/// A pasted model preset JSON (the schema of presets/models), read by <see cref="PresetFile"/> (the generator's own
/// reading, shared by source) with the build's rules and located messages, as the CLI's <c>--model-file</c> reads one.
/// </summary>
public static class PresetJsonReader
{
    /// <summary>The model preset <paramref name="text"/> describes.</summary>
    /// <exception cref="PlanInputException">The first of the build's diagnostics, with its line and column.</exception>
    public static ModelPreset Read(string text)
    {
        try
        {
            return PresetFile.ReadModel("pasted.json", text);
        }
        catch (PresetFileException ex)
        {
            throw new PlanInputException(InputField.Preset, ex.Message);
        }
    }

    /// <summary>Whether pasted text is a model preset rather than a Hugging Face config: it has no "architectures".</summary>
    public static bool LooksLikePreset(string text) =>
        !text.Contains("\"architectures\"", StringComparison.Ordinal) && (text.Contains("\"layers\"", StringComparison.Ordinal) || text.Contains("model.schema.json", StringComparison.Ordinal));
}
