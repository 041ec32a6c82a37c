namespace PresetPlanner.Specs;

/// <summary>
/// The layers of a hybrid Mamba-Transformer model by kind: the symbol counts of its Megatron-Core
/// <c>--hybrid-override-pattern</c> (<c>megatron/core/ssm/mamba_hybrid_layer_allocation.py</c>: M Mamba-2, * attention,
/// - MLP, E MoE). Unlike a transformer layer, each of these layers holds one block behind one pre-norm. All zero for a
/// transformer.
/// </summary>
/// <param name="Mamba">Mamba-2 layers (M).</param>
/// <param name="Attention">Self-attention layers (*).</param>
/// <param name="Mlp">Dense MLP layers (-).</param>
/// <param name="Moe">MoE layers (E).</param>
public readonly record struct HybridLayers(int Mamba, int Attention, int Mlp, int Moe)
{
    /// <summary>All layers of the pattern.</summary>
    public int Total => Mamba + Attention + Mlp + Moe;

    /// <summary>Whether this describes a hybrid model (any layer counted).</summary>
    public bool IsHybrid => Mamba != 0 || Attention != 0 || Mlp != 0 || Moe != 0;

    /// <summary>What a pattern must be, for messages about one that is not.</summary>
    public const string PatternRule = "a string of M (Mamba-2), * (attention), - (MLP) and E (MoE) layers";

    /// <summary>
    /// Counts the symbols of <paramref name="pattern"/>; false when it is empty or at the first character that is none
    /// of M, *, - and E, with <paramref name="problem"/> saying which ("empty", or "'|' at position 9"; a character
    /// outside printable ASCII as its code point). Megatron's pipeline separators (|) are not accepted: the planner
    /// splits layers itself.
    /// </summary>
    public static bool TryCount(string pattern, out HybridLayers layers, out string problem)
    {
        int mamba = 0, attention = 0, mlp = 0, moe = 0;
        layers = default;
        problem = "empty";
        for (int i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case 'M': mamba++; break;
                case '*': attention++; break;
                case '-': mlp++; break;
                case 'E': moe++; break;
                default:
                    char c = pattern[i];
                    string shown = c >= ' ' && c < 127 ? c.ToString() : "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
                    problem = "'" + shown + "' at position " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return false;
            }
        }

        layers = new HybridLayers(mamba, attention, mlp, moe);
        return pattern.Length > 0;
    }
}
