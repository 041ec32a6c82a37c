namespace PresetPlanner.Vocabulary;

/// <summary>
/// The one spelling of every enumeration value that people read or write: preset files, tables, JSON, CSV and
/// command-line flags all use these (lower-case, kebab-case). This part, for the enumerations of a model's shape, is
/// compiled into the preset generator as well, so a preset file is parsed with the same words the CLI prints.
/// </summary>
public static partial class Spelling
{
    private static readonly string[] s_activations = ["swiglu", "geglu", "gelu", "relu", "squared-relu"];
    private static readonly string[] s_attention = ["mha", "gqa", "mqa", "mla"];
    private static readonly string[] s_norms = ["rmsnorm", "layernorm"];
    private static readonly string[] s_positions = ["rope", "learned", "alibi"];

    /// <summary>"swiglu", "geglu", "gelu", "relu" or "squared-relu".</summary>
    public static string Of(MlpActivation value) => Name(s_activations, (int)value);

    /// <summary>"mha", "gqa", "mqa" or "mla".</summary>
    public static string Of(AttentionKind value) => Name(s_attention, (int)value);

    /// <summary>"rmsnorm" or "layernorm".</summary>
    public static string Of(NormKind value) => Name(s_norms, (int)value);

    /// <summary>"rope", "learned" or "alibi".</summary>
    public static string Of(PositionEmbedding value) => Name(s_positions, (int)value);

    /// <summary>Parses a spelling of <see cref="Of(MlpActivation)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out MlpActivation value) => Parse(s_activations, text, out value);

    /// <summary>Parses a spelling of <see cref="Of(AttentionKind)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out AttentionKind value) => Parse(s_attention, text, out value);

    /// <summary>Parses a spelling of <see cref="Of(NormKind)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out NormKind value) => Parse(s_norms, text, out value);

    /// <summary>Parses a spelling of <see cref="Of(PositionEmbedding)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out PositionEmbedding value) => Parse(s_positions, text, out value);

    private static string Name(string[] names, int index) =>
        (uint)index < (uint)names.Length ? names[index] : "undefined(" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";

    private static bool Parse<T>(string[] names, string? text, out T value)
        where T : struct, System.Enum
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        string key = text.Trim();
        for (int i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], key, System.StringComparison.OrdinalIgnoreCase))
            {
                value = (T)System.Enum.ToObject(typeof(T), i);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The spellings of a shape enumeration's values (<see cref="MlpActivation"/>, <see cref="AttentionKind"/>,
    /// <see cref="NormKind"/>, <see cref="PositionEmbedding"/>) in declaration order, as a new array; null for another
    /// type. Preset readers list them when a file names an unknown value.
    /// </summary>
    public static string[]? SpecNames(System.Type type) => (string[]?)ShapeNames(type)?.Clone();

    private static string[]? ShapeNames(System.Type type) =>
        type == typeof(MlpActivation) ? s_activations
        : type == typeof(AttentionKind) ? s_attention
        : type == typeof(NormKind) ? s_norms
        : type == typeof(PositionEmbedding) ? s_positions
        : null;
}
