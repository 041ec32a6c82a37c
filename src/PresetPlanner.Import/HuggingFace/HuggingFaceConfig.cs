using System;
using System.Collections.Generic;
using System.Text.Json;
using PresetPlanner.Specs;
using PresetPlanner.Validation;

namespace PresetPlanner.Import.HuggingFace;

/// <summary>
/// Reads a Hugging Face transformers <c>config.json</c> into a <see cref="ModelPreset"/> at run time, for tools that
/// cannot recompile; the compiled catalog stays the zero-parsing path. The fields read per architecture are those of
/// the transformers configuration classes (LlamaConfig, MistralConfig, MixtralConfig, Qwen2Config, Qwen3Config,
/// Qwen3MoeConfig, DeepseekV3Config, DeepseekV2Config, GptOssConfig, Gemma2Config, NemotronHConfig, FalconConfig and the original
/// Falcon uploads' RWConfig), listed with their meaning in docs/import.md.
/// </summary>
/// <remarks>
/// Every problem is a <see cref="PlanInputException"/> naming the JSON field: a missing or mistyped field, a value out
/// of range, an architecture or a feature the cost model does not describe (a hybrid config with only a layers_block_type list, for one). The
/// result passes the same <see cref="SpecValidator"/> rules as a compiled preset.
/// </remarks>
public static class HuggingFaceConfig
{
    /// <summary>The <c>architectures</c> values this reader understands.</summary>
    public static IReadOnlyList<string> Architectures { get; } =
    [
        "LlamaForCausalLM", "Phi3ForCausalLM", "Olmo2ForCausalLM", "GraniteForCausalLM", "MistralForCausalLM", "MixtralForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM",
        "Qwen3MoeForCausalLM", "DeepseekV3ForCausalLM", "DeepseekV2ForCausalLM", "GptOssForCausalLM", "Gemma2ForCausalLM", "Gemma3ForCausalLM",
        "Gemma3ForConditionalGeneration", "Llama4ForCausalLM", "Llama4ForConditionalGeneration", "NemotronHForCausalLM",
        "FalconForCausalLM", "RWForCausalLM",
    ];

    /// <summary>Parses <paramref name="json"/>, the text of a <c>config.json</c>, named <paramref name="id"/> in reports.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="id">The id and fallback name to report (for example the file's folder name).</param>
    /// <param name="source">Where the text came from (a path), carried into <see cref="PresetInfo.Source"/>.</param>
    /// <exception cref="PlanInputException">The text is not a config this reader can turn into a valid model.</exception>
    public static ModelPreset Parse(string json, string id, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document = Files.ConfigJson.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new PlanInputException(InputField.Config, string.Empty, "must be a JSON object");
            }

            var fields = new ConfigFields(document.RootElement);
            string architecture = fields.Architecture();
            ModelSpec spec = HuggingFaceArchitectures.Read(architecture, fields);
            var problems = new List<SpecProblem>();
            SpecValidator.Check(spec, problems);
            foreach (SpecProblem p in problems)
            {
                if (p.IsError)
                {
                    throw new PlanInputException(InputField.Config, HuggingFaceArchitectures.FieldOf(p.Field, architecture), p.Kind == ProblemKind.OutOfRange
                        ? $"is {p.Value} but must be {p.Detail}"
                        : $"is inconsistent: {p.Value}; {p.Detail}");
                }
            }

            string name = fields.Text("_name_or_path") is { Length: > 0 } path ? HuggingFaceArchitectures.Clip(path.Split('/')[^1]) : id;
            return new ModelPreset(new PresetInfo(id, name, $"{architecture} config.json read from {source}"), spec);
        }
    }
}
