using System.Text.Json;
using PresetPlanner.Validation;

namespace PresetPlanner.Import.HuggingFace;

/// <summary>Typed access to the top-level fields of a <c>config.json</c>; every failure names the field.</summary>
internal readonly struct ConfigFields(JsonElement root, string prefix = "")
{
    /// <summary>The first entry of <c>architectures</c>.</summary>
    public string Architecture()
    {
        if (!root.TryGetProperty("architectures", out JsonElement list))
        {
            throw new PlanInputException(InputField.Config, "architectures", "is missing (it names the model class, for example [\"LlamaForCausalLM\"])");
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0 || list[0].ValueKind != JsonValueKind.String)
        {
            throw new PlanInputException(InputField.Config, "architectures", "must be a non-empty array of class names");
        }

        return list[0].GetString()!;
    }

    /// <summary>A required positive integer.</summary>
    public int Int(string name) => OptionalInt(name) ?? throw new PlanInputException(InputField.Config, prefix + name, "is missing");

    /// <summary>An optional integer, or <paramref name="fallback"/> when absent or null.</summary>
    public int Int(string name, int fallback) => OptionalInt(name) ?? fallback;

    /// <summary>An optional integer; null when absent or JSON null.</summary>
    public int? OptionalInt(string name)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number))
        {
            throw new PlanInputException(InputField.Config, prefix + name, $"must be a whole number, not {Describe(value)}");
        }

        if (number < 0 || number > int.MaxValue)
        {
            throw new PlanInputException(InputField.Config, prefix + name, $"is {number} but must be from 0 to {int.MaxValue}");
        }

        return (int)number;
    }

    /// <summary>An optional boolean.</summary>
    public bool Bool(string name, bool fallback)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new PlanInputException(InputField.Config, prefix + name, $"must be true or false, not {Describe(value)}"),
        };
    }

    /// <summary>Whether the field is present, even as JSON null (a null <c>sliding_window</c> turns a default window off).</summary>
    public bool Has(string name) => root.TryGetProperty(name, out _);

    /// <summary>An optional string; null when absent.</summary>
    public string? Text(string name)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new PlanInputException(InputField.Config, prefix + name, $"must be a string, not {Describe(value)}");
    }

    /// <summary>The nested object <paramref name="name"/> (a multimodal wrapper's <c>text_config</c>); null when absent.</summary>
    public ConfigFields? Nested(string name)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? new ConfigFields(value, prefix + name + ".")
            : throw new PlanInputException(InputField.Config, prefix + name, $"must be an object, not {Describe(value)}");
    }

    /// <summary>An optional array of strings (<c>layer_types</c>); empty when absent.</summary>
    public string[] Texts(string name)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > 100_000)
        {
            throw new PlanInputException(InputField.Config, prefix + name, "must be an array of layer kinds");
        }

        var result = new string[value.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            result[i++] = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new PlanInputException(InputField.Config, prefix + name, "must be an array of layer kinds");
        }

        return result;
    }

    /// <summary>An optional array of integers (Qwen3-MoE's <c>mlp_only_layers</c>); empty when absent.</summary>
    public int[] Ints(string name)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > 100_000)
        {
            throw new PlanInputException(InputField.Config, prefix + name, "must be an array of layer numbers");
        }

        var result = new int[value.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out result[i++]))
            {
                throw new PlanInputException(InputField.Config, prefix + name, "must be an array of layer numbers");
            }
        }

        return result;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.GetRawText().Length > 24 ? "a number too large" : value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
