namespace PresetPlanner.Vocabulary;

/// <summary>The spellings of <see cref="RecomputeModules"/>: Megatron-Core's module names, comma-separated.</summary>
public static partial class Spelling
{
    private static readonly string[] s_modules = ["core_attn", "mlp", "moe_act", "layernorm", "mla_up_proj", "moe", "shared_experts"];

    /// <summary>Megatron-Core's module names, in the order of <see cref="RecomputeModules"/>.</summary>
    public static IReadOnlyList<string> ModuleNames => s_modules;

    /// <summary>The set as Megatron-Core's names joined by commas ("core_attn,mlp"), or "none" for the empty set.</summary>
    public static string Of(RecomputeModules value)
    {
        if (value == RecomputeModules.None)
        {
            return "none";
        }

        var names = new List<string>(s_modules.Length);
        for (int i = 0; i < s_modules.Length; i++)
        {
            if (((int)value & (1 << i)) != 0)
            {
                names.Add(s_modules[i]);
            }
        }

        return string.Join(",", names);
    }

    /// <summary>
    /// Parses a comma- or space-separated list of Megatron-Core module names (case-insensitive; "none" or an empty
    /// list is the empty set); false on any unknown name.
    /// </summary>
    public static bool TryParse(string? text, out RecomputeModules value)
    {
        value = RecomputeModules.None;
        if (text is null)
        {
            return false;
        }

        foreach (string part in text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            int index = Array.FindIndex(s_modules, n => n.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                value = RecomputeModules.None;
                return false;
            }

            value |= (RecomputeModules)(1 << index);
        }

        return true;
    }
}
